"""Catalogs hold words, never facts: the 2025 reorganisation's date, unit counts and legal
basis come from the succession records (db.api.reorganisation), so a correction in the
data reaches every language at once."""
import re

from babel.messages.pofile import read_po

from i18n import languages
from i18n.catalog import po_path

FACTS = [re.compile(p) for p in (r"202/2025", r"QH15", r"\b63\b", r"\b34\b", r"1 July 2025", r"2025")]


def test_no_msgid_states_a_fact_of_the_reorganisation():
    for lang in languages.supported():
        for domain in ("messages", "bot"):
            with open(po_path(lang, domain), "rb") as f:
                catalog = read_po(f)
            for message in catalog:
                msgid = message.id if isinstance(message.id, str) else " ".join(message.id)
                found = [p.pattern for p in FACTS if p.search(msgid)]
                assert not found, f"{lang}/{domain}: {msgid!r} states {found}"
