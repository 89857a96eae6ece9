"""Everyday words of the language a word's script belongs to (wordfreq's frequency lists,
shipped inside the package): "آپ" (you), "इस्तेमाल" (use), "organised" are no place
names, however unknown they are to the assistant's own word lists. Vietnamese is not
consulted: its place names are made of everyday syllables ("Hòa Phong"), and an English
word that is also such a syllable ("song") may be part of a name."""
from __future__ import annotations

import unicodedata
from functools import lru_cache

from wordfreq import zipf_frequency

COMMON_ZIPF = 4.0           # about once in 10,000 words or more often
VIETNAMESE_SYLLABLE_ZIPF = 3.0
ENGLISH_FIRST_MARGIN = 1.5   # ten times likelier in English: an English word, whatever Vietnamese borrows
# Opening a question for a figure, right before "ko"/"کو", only the commonest words are
# no name: "آپ کو" (you), not "گلگت بلتستان کو" or "बिहार को", places Urdu and Hindi
# speakers write every day.
FUNCTION_WORD_ZIPF = 5.8
LANGUAGE_OF_SCRIPT = {"DEVANAGARI": "hi", "ARABIC": "ur", "LATIN": "en"}


def _script(word: str) -> str:
    letters = [ch for ch in word if unicodedata.category(ch)[0] == "L"]
    return unicodedata.name(letters[0], "").split(" ", 1)[0] if letters else ""


@lru_cache(maxsize=20000)
def is_common(word: str, zipf: float = COMMON_ZIPF) -> bool:
    lang = LANGUAGE_OF_SCRIPT.get(_script(word))
    if not lang or zipf_frequency(word.lower(), lang) < zipf:
        return False
    # "song", "long", "hong" are English words and syllables of Vietnamese names ("Song Hong");
    # "when", "fine", "great" are seen in Vietnamese text too, but far less than in English
    vi = zipf_frequency(word.lower(), "vi")
    return lang != "en" or vi < VIETNAMESE_SYLLABLE_ZIPF or \
        zipf_frequency(word.lower(), "en") >= vi + ENGLISH_FIRST_MARGIN
