"""LanguageNameExtractor: languages a message names ("answer in Urdu", "tiếng Việt").

Names come from the language registry (native and English names, `aliases`) and
Babel's name of every registry language in every registry language.
Entities: value = language code.
"""
from __future__ import annotations

from functools import lru_cache
from typing import List, Tuple

from babel import Locale
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from i18n import languages
from nlu.base import RuleComponent, is_payload, replace_entities
from nlu.lexicon import PhraseMatcher


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


@lru_cache(maxsize=1)
def language_matcher() -> PhraseMatcher:
    return PhraseMatcher(language_names())


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageNameExtractor(RuleComponent):
    def process_message(self, message: Message) -> None:
        if is_payload(message):
            return
        text = message.get(TEXT)
        found = [{"entity": "language", "start": m.start, "end": m.end, "value": m.label,
                  "text": text[m.start:m.end], "extractor": "LanguageNameExtractor"}
                 for m in language_matcher().find(text) if m.exact]
        replace_entities(message, "language", found)
