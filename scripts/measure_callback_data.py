"""Measures the two ways to fit the assistant's button payloads into Telegram's
64-byte callback_data: the bot's payload store (bot/callback_store.py) and
python-telegram-bot's arbitrary_callback_data (CallbackDataCache).

The payloads are those the assistant sends today: its example questions in
every language (the greeting, help, out-of-scope and fallback answers), a
place button per unit (follow-up and available-data answers) and the language
menu. Run it after the assistant's catalogs or buttons change:

    PYTHONPATH=. .venv/bin/python scripts/measure_callback_data.py [GREETINGS]

GREETINGS (default 5000) greetings are sent, one per user, each with the three
example-question buttons; the script reports the callback_data sizes and how
many entries each scheme keeps, and whether the first user's buttons still work.

PTB's cache needs its ``callback-data`` extra (cachetools), which the bot does
not depend on; for this measurement only, e.g.:

    pip install --target /tmp/ptb-extra "cachetools>=7,<8"
    PYTHONPATH=.:/tmp/ptb-extra .venv/bin/python scripts/measure_callback_data.py

Result with the catalogs of the commit that added this script (5000
greetings): the store's callback_data is 20-64 bytes and it keeps 8 entries
(the example questions too long for a button in vi, ur, hi), every button
still working; PTB's is always 64 bytes, one entry per keyboard, and with its
default maxsize of 1024 keyboards the first user's buttons no longer work. So
the bot keeps its payload store.
"""
from __future__ import annotations

import csv
import json
import sys
from collections import OrderedDict
from pathlib import Path

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.ext import CallbackDataCache

from bot.callback_store import DEFAULT_CAPACITY, MAX_CALLBACK_BYTES, CallbackStore
from i18n import catalog, languages

REPO = Path(__file__).resolve().parents[1]
# actions/dialogue.py EXAMPLE_QUESTIONS (msgids of the assistant's catalog).
EXAMPLE_QUESTIONS = (
    "How much NGO funding did Quang Nam get since 2019?",
    "How many foreign NGOs are there in Son La?",
    "Compare aid to Vietnam in 2022 and 2023",
)


def assistant_payloads() -> tuple[dict[str, list[str]], list[str]]:
    """(example questions per language, every other button payload)."""
    examples = {
        code: [catalog.translator(code).gettext(q) for q in EXAMPLE_QUESTIONS] for code in languages.supported()
    }
    with open(REPO / "db" / "seed" / "units.csv", encoding="utf-8") as f:
        units = [row["code"] for row in csv.DictReader(f)]
    compact = {"separators": (",", ":")}
    others = [f"/{intent}" + json.dumps({"place": u}, **compact) for u in units
              for intent in ("follow_up", "ask_available_data")]
    others += ["/choose_language" + json.dumps({"language": c}, **compact) for c in languages.supported()]
    return examples, others


def main(greetings: int) -> None:
    examples, others = assistant_payloads()
    every = [p for questions in examples.values() for p in questions] + others

    store = CallbackStore(OrderedDict())
    sizes = [len(store.callback_data(p).encode("utf-8")) for p in every]
    longest = max(len(p.encode("utf-8")) for p in every)
    print(f"{len(every)} distinct payloads, the longest {longest} bytes")
    print("payload store (bot/callback_store.py):")
    print(f"  callback_data {min(sizes)}-{max(sizes)} bytes (limit {MAX_CALLBACK_BYTES});"
          f" {len(store)} payloads need an entry, the rest travel in the button")

    try:
        ptb = CallbackDataCache(bot=None, maxsize=1024)  # PTB's default maxsize
    except RuntimeError as missing:  # cachetools not installed: see the docstring
        print(f"PTB arbitrary_callback_data not measured: {missing}")
        return
    markup = ptb.process_keyboard(InlineKeyboardMarkup([[InlineKeyboardButton("x", callback_data=p)] for p in every]))
    ptb_sizes = [len(b.callback_data.encode("utf-8")) for row in markup.inline_keyboard for b in row]
    print("PTB arbitrary_callback_data (maxsize 1024, the default):")
    print(f"  callback_data {min(ptb_sizes)}-{max(ptb_sizes)} bytes; one entry per keyboard sent")

    langs = list(examples)
    store = CallbackStore(OrderedDict(), capacity=DEFAULT_CAPACITY)
    ptb = CallbackDataCache(bot=None, maxsize=1024)
    first_store = first_ptb = None
    for n in range(greetings):
        questions = examples[langs[n % len(langs)]]
        data = [store.callback_data(q) for q in questions]
        sent = ptb.process_keyboard(InlineKeyboardMarkup([[InlineKeyboardButton(q, callback_data=q)] for q in questions]))
        if n == 0:
            first_store, first_ptb = data[0], sent.inline_keyboard[0][0].callback_data
    keyboard_uuid, _ = CallbackDataCache.extract_uuids(first_ptb)
    print(f"after {greetings} greetings (3 example buttons each, {len(langs)} languages):")
    print(f"  payload store: {len(store)} entries; first user's button works: {store.payload(first_store) is not None}")
    print(f"  PTB cache: {len(ptb.persistence_data[0])} keyboards kept;"
          f" first user's button works: {any(k == keyboard_uuid for k, _, _ in ptb.persistence_data[0])}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
