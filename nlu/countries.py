"""Names of the world's countries in every registry language (Babel's CLDR data), so
"how much aid did Cambodia get?" is understood as a question about a foreign country,
not an unknown place. Countries the aid database holds (Vietnam, Laos) are found
there first, with their figures."""
from __future__ import annotations

from functools import lru_cache
from typing import List, Tuple

import yaml
from babel import Locale

from db.places import AFFIXES_FILE
from i18n import languages
from nlu.lexicon import Match, PhraseMatcher
from nlu.text import LOCALE_DIR, fold

EVERYDAY_NAMES_FILE = LOCALE_DIR / "country_names.yml"

# Shorter names, or names of short words ("Ấn Độ" is "an do" unaccented, as in "dự án
# đó"), are too often ordinary words.
MIN_NAME_CHARS = 4
MIN_WORD_CHARS = 3


def country_names() -> List[Tuple[str, str]]:
    """(name, ISO code) in every registry language, and the everyday names of
    locale/country_names.yml."""
    names = []
    for language in languages.all_languages():
        for code, name in Locale.parse(language.babel_locale).territories.items():
            if (len(code) == 2 and code.isalpha() and len(name) >= MIN_NAME_CHARS
                    and all(len(w) >= MIN_WORD_CHARS for w in fold(name).split())):
                names.append((name, code))
    everyday = yaml.safe_load(EVERYDAY_NAMES_FILE.read_text(encoding="utf-8")) or {}
    names += [(str(name), code) for code, by_lang in everyday.items() for ns in by_lang.values() for name in ns]
    return names


@lru_cache(maxsize=1)
def country_matcher() -> PhraseMatcher:
    return PhraseMatcher(country_names())


@lru_cache(maxsize=1)
def not_place_matcher() -> PhraseMatcher:
    """Phrases that contain a country's name but name no place ("duit Vietnam", "the
    Vietnam side"): db/place_affixes.yml, the same list the place index obeys."""
    data = yaml.safe_load(AFFIXES_FILE.read_text(encoding="utf-8")) or {}
    return PhraseMatcher([(str(w), "not_place") for ws in (data.get("not_places") or {}).values() for w in ws])


def find_countries(text: str) -> List[Match]:
    excluded = [(m.start, m.end) for m in not_place_matcher().find(text)]
    return [m for m in country_matcher().find(text)
            if m.exact and not any(s <= m.start and m.end <= e for s, e in excluded)]
