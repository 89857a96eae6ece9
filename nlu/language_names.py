"""LanguageNameExtractor: languages a message names ("answer in Urdu", "tiếng Việt").

Names come from the language registry (native and English names, `aliases`) and
Babel's name of every registry language in every registry language. A name asks
for replies in that language (`request: true`) when the message also has a cue
word next to it (locale/language_requests.yml); "Vietnamese dong" names no language.
Entities: value = language code.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import List, Tuple

import yaml
from babel import Locale
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from i18n import languages
from nlu.base import RuleComponent, entities, is_payload, replace_entities
from nlu.lexicon import PhraseMatcher
from nlu.text import LOCALE_DIR, words

REQUESTS_FILE = LOCALE_DIR / "language_requests.yml"
CUE, ADJACENT_CUE, NOT_A_NAME = "_cue", "_adjacent_cue", "_not_a_name"
CUE_DISTANCE = 3            # words between a cue and the name it asks for, at most
BARE_NAME_EXTRA_WORDS = 1


def language_names() -> List[Tuple[str, str]]:
    pairs = []
    for language in languages.all_languages():
        names = {language.native_name, language.english_name, *language.aliases}
        for shown_in in languages.all_languages():
            name = Locale.parse(shown_in.babel_locale).languages.get(language.code)
            if name:
                names.add(name)
        pairs += [(name, language.code) for name in names if name]
    return pairs


def request_words(path: Path = REQUESTS_FILE) -> List[Tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return [(word, label) for key, label in (("cues", CUE), ("adjacent_cues", ADJACENT_CUE),
                                              ("not_names", NOT_A_NAME))
            for ws in (data.get(key) or {}).values() for word in ws]


@lru_cache(maxsize=1)
def language_matcher() -> PhraseMatcher:
    return PhraseMatcher(language_names() + request_words())


def _asks_for(name, matches, total_words: int) -> bool:
    for cue in matches:
        gap = min(abs(cue.first_word - name.last_word), abs(name.first_word - cue.last_word))
        if (cue.label == CUE and gap <= CUE_DISTANCE) or (cue.label == ADJACENT_CUE and gap == 1):
            return True
    return total_words - (name.last_word - name.first_word + 1) <= BARE_NAME_EXTRA_WORDS


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageNameExtractor(RuleComponent):
    def process_message(self, message: Message) -> None:
        if is_payload(message):
            return
        text = message.get(TEXT)
        # "Vietnam" in "duit Vietnam" (Vietnamese money) or a place's name is no language
        places = [(e["start"], e["end"]) for kind in ("place", "metric") for e in entities(message, kind)
                  if isinstance(e.get("start"), int)]
        matches = [m for m in language_matcher().find(text) if m.exact]
        cues = [m for m in matches if m.label in (CUE, ADJACENT_CUE)]
        names = [m for m in matches if m.label not in (CUE, ADJACENT_CUE, NOT_A_NAME)
                 and not any(s < m.end and m.start < e for s, e in places)]
        total = len(words(text))
        found = [{"entity": "language", "start": m.start, "end": m.end, "value": m.label,
                  "request": _asks_for(m, cues, total), "text": text[m.start:m.end],
                  "extractor": "LanguageNameExtractor"}
                 for m in names]
        replace_entities(message, "language", found)
