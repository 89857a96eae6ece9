"""Names of the world's countries in every registry language (Babel's CLDR data), so
"how much aid did Cambodia get?" is understood as a question about a foreign country,
not an unknown place. Countries the aid database holds (Vietnam, Laos) are found
there first, with their figures."""
from __future__ import annotations

from functools import lru_cache
from typing import List, Tuple

from babel import Locale

from i18n import languages
from nlu.lexicon import Match, PhraseMatcher
from nlu.text import fold

# Shorter names, or names of short words ("Ấn Độ" is "an do" unaccented, as in "dự án
# đó"), are too often ordinary words.
MIN_NAME_CHARS = 4
MIN_WORD_CHARS = 3


def country_names() -> List[Tuple[str, str]]:
    """(name, ISO code) in every registry language."""
    names = []
    for language in languages.all_languages():
        for code, name in Locale.parse(language.babel_locale).territories.items():
            if (len(code) == 2 and code.isalpha() and len(name) >= MIN_NAME_CHARS
                    and all(len(w) >= MIN_WORD_CHARS for w in fold(name).split())):
                names.append((name, code))
    return names


@lru_cache(maxsize=1)
def country_matcher() -> PhraseMatcher:
    return PhraseMatcher(country_names())


def find_countries(text: str) -> List[Match]:
    return [m for m in country_matcher().find(text) if m.exact]
