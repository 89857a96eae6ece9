"""Normal forms of place names, so that spellings differing only in case, accents,
spacing, punctuation or script variants compare equal.

`normalize_name("Thành phố  Hồ-Chí-Minh")` -> "thanh pho ho chi minh" (words kept)
`compact(...)` removes the spaces too ("hochiminh"), for matching "Quangnam".
"""
from __future__ import annotations

import re
import unicodedata

# Invisible characters that sneak in from copy/paste and RTL text.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad\u061c"), None)

# Letters that have no Unicode decomposition but are "the same letter" to a reader.
_LETTER_VARIANTS = str.maketrans({
    "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "ı": "i",
    # Arabic-script: Arabic vs Urdu/Persian code points for yeh, kaf, heh, and alef forms
    "\u064a": "\u06cc", "\u0649": "\u06cc", "\u06d0": "\u06cc",      # ي ى ې -> ی
    "\u0643": "\u06a9",                                              # ك -> ک
    "\u0647": "\u06c1", "\u06c3": "\u06c1", "\u0629": "\u06c1", "\u06d5": "\u06c1",  # ه ۃ ة ە -> ہ
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",  # أ إ آ ٱ -> ا
    "\u0624": "\u0648",                                              # ؤ -> و
    # Devanagari: chandrabindu is often typed as anusvara
    "\u0901": "\u0902",
})

# Marks to drop after NFD: Latin combining diacritics, Arabic harakat/tatweel,
# Devanagari nukta (क़ = क + ़).
_DROPPED_MARKS = re.compile(
    "[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    "\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u093c]"
)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _DROPPED_MARKS.sub("", decomposed))


def _ascii_digits(text: str) -> str:
    """Digits of any script as ASCII digits ("क्लस्टर २" = "क्लस्टर 2", "کلسٹر ۲" = "کلسٹر 2")."""
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() else ch for ch in text)


def normalize_name(text: str) -> str:
    """Lower-case, accent-free, space-separated words; any script; ASCII digits."""
    text = _ascii_digits(unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).casefold())
    text = _strip_marks(text).translate(_LETTER_VARIANTS)
    # Letters, marks (Devanagari vowel signs are marks) and digits make words;
    # everything else (punctuation of any script: "." "-" "।" "۔" "،") separates.
    spaced = "".join(ch if unicodedata.category(ch)[0] in "LMN" else " " for ch in text)
    return " ".join(spaced.split())


def compact(normalized: str) -> str:
    """The normal form without word breaks: "quang nam" and "quangnam" agree."""
    return normalized.replace(" ", "")


def tokens(text: str) -> list[str]:
    return normalize_name(text).split()
