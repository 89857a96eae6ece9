"""Words of a message with their offsets, folded for matching.

Folding is db.normalize's (case, accents, script variants, punctuation), so
words typed with or without diacritics, or with Arabic instead of Urdu letters,
compare equal everywhere. Chat short forms that mean one thing in every
language ("bn" = bao nhiêu, "brp" = berapa) are expanded (locale/shorthand.yml).
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Tuple

import yaml

from db.normalize import normalize_name

LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
SHORTHAND_FILE = LOCALE_DIR / "shorthand.yml"
ACRONYMS_FILE = LOCALE_DIR / "acronyms.yml"


@dataclass(frozen=True)
class Word:
    text: str          # as typed
    folded: str        # one folded word (a short form is expanded in `expanded`)
    start: int
    end: int
    initial: bool = False   # the first word of a sentence, capitalised whether or not a name

    @property
    def expanded(self) -> Tuple[str, ...]:
        folded = self.folded
        if self.text.isupper() and self.text in acronyms():
            return acronyms()[self.text]     # "DA" (dự án), typed in capitals only
        if folded.endswith("2") and len(folded) >= 5 and folded[:-1].isalpha():
            # Malay reduplication typed with a 2: "agensi2" = agensi-agensi (agencies)
            folded = folded[:-1]
        return shorthand().get(folded, (folded,))


def fold(text: str) -> str:
    return normalize_name(text)


def _forms(path: Path, typed_key) -> Dict[str, Tuple[str, ...]]:
    """Short form (the key `typed_key` makes of it) -> folded words; a form listed twice with
    different meanings is an error."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: Dict[str, Tuple[str, ...]] = {}
    for lang, forms in data.items():
        for short, long in (forms or {}).items():
            key, value = typed_key(str(short)), tuple(fold(str(long)).split())
            if not key or not value:
                raise ValueError(f"{path}: {lang}: empty short form or expansion: {short!r}")
            if key in out and out[key] != value:
                raise ValueError(f"{path}: {short!r} means both {' '.join(out[key])!r} and {long!r}")
            out[key] = value
    return out


def _capitals(short: str) -> str:
    if not short.isupper():
        raise ValueError(f"{ACRONYMS_FILE}: {short!r} is a short form typed in capitals only")
    return short


@lru_cache(maxsize=1)
def shorthand(path: Path = SHORTHAND_FILE) -> Dict[str, Tuple[str, ...]]:
    """Chat short forms, folded -> folded words."""
    return _forms(path, fold)


@lru_cache(maxsize=1)
def acronyms(path: Path = ACRONYMS_FILE) -> Dict[str, Tuple[str, ...]]:
    """Short forms as typed in capitals -> folded words."""
    return _forms(path, _capitals)


def _is_word_char(ch: str) -> bool:
    category = unicodedata.category(ch)
    return category[0] in "LMN" or category == "Cf"


SENTENCE_ENDS = ".!?:;\n۔؟।"    # Latin, Urdu and Devanagari full stops and question marks


def words(text: str) -> List[Word]:
    """The folded words of `text`, each with the span it was typed in."""
    out: List[Word] = []
    start = None
    initial = True
    for pos, ch in enumerate(text + " "):
        if pos < len(text) and _is_word_char(ch):
            start = pos if start is None else start
        elif start is not None:
            for folded in fold(text[start:pos]).split():
                out.append(Word(text[start:pos], folded, start, pos, initial))
                initial = False
            start = None
        if pos < len(text) and ch in SENTENCE_ENDS:
            initial = True
    return out


def expanded_words(text: str) -> List[Tuple[str, Word]]:
    """(folded word, the typed word it came from), short forms expanded into their words."""
    return [(part, word) for word in words(text) for part in word.expanded]
