"""Everyday words of the languages a word's script is written in (wordfreq's frequency
lists, shipped inside the package): "آپ" (you), "इस्तेमाल" (use), "organised", "Angka"
(Malay: figure), "Sekiranya" (Malay: if) are no place names, however unknown they are to
the assistant's own word lists. Vietnamese is not consulted: its place names are made of
everyday syllables ("Hòa Phong"), and a word of another language that is also such a
syllable ("song", "nam") may be part of a name."""
from __future__ import annotations

import unicodedata
from functools import lru_cache
from typing import Tuple

from wordfreq import available_languages, zipf_frequency

from i18n import languages

COMMON_ZIPF = 4.0           # about once in 10,000 words or more often
VIETNAMESE_SYLLABLE_ZIPF = 3.0
ENGLISH_FIRST_MARGIN = 1.5   # ten times likelier in another language: its word, whatever Vietnamese borrows
# Opening a question for a figure, right before "ko"/"کو", only the commonest words are
# no name: "آپ کو" (you), not "گلگت بلتستان کو" or "बिहार को", places Urdu and Hindi
# speakers write every day.
FUNCTION_WORD_ZIPF = 5.8
PLACE_NAME_LANGUAGE = "vi"


def _script(word: str) -> str:
    letters = [ch for ch in word if unicodedata.category(ch)[0] == "L"]
    return unicodedata.name(letters[0], "").split(" ", 1)[0] if letters else ""


@lru_cache(maxsize=8)
def _languages_of(script: str) -> Tuple[str, ...]:
    """Registry languages written in this script that wordfreq knows, but Vietnamese."""
    known = available_languages()
    return tuple(lang.code for lang in languages.all_languages()
                 if script in {s.upper() for s in lang.scripts} and lang.code != PLACE_NAME_LANGUAGE
                 and lang.code in known)


@lru_cache(maxsize=20000)
def is_common(word: str, zipf: float = COMMON_ZIPF, as_name: bool = False) -> bool:
    """`as_name`: the word is capitalised inside a sentence, the way names are typed; then
    only the default language's everyday words count, since its words are typed into every
    other language's messages ("Fine", "Total"): "Selangor" is a Malay state, however
    often Malay text names it."""
    folded, script = word.lower(), _script(word)
    vi = None
    script_languages = _languages_of(script)
    if as_name and script == "LATIN":
        script_languages = tuple(code for code in script_languages if code == languages.default())
    for lang in script_languages:
        frequency = zipf_frequency(folded, lang)
        if frequency < zipf:
            continue
        if script != "LATIN":
            return True
        # "song", "long", "nam" are English or Malay words and syllables of Vietnamese names
        # ("Song Hong"); "when", "fine", "angka" are seen in Vietnamese text too, but far less
        vi = zipf_frequency(folded, PLACE_NAME_LANGUAGE) if vi is None else vi
        if vi < VIETNAMESE_SYLLABLE_ZIPF or frequency >= vi + ENGLISH_FIRST_MARGIN:
            return True
    return False
