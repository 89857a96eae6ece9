"""Labelled phrases found in a message: longest match first, typos of long words forgiven.

Phrases and messages are folded the same way (nlu.text), so "tổ chức phi chính
phủ", "to chuc phi chinh phu" and "TO CHUC PHI CHINH PHU" are one phrase, and a
chat short form in the message is expanded before matching. Accents are ignored
only when they are missing: a word typed with accents must carry the phrase's own
("đó là" is not "đô la", "có quan hệ" not "cơ quan"), one typed without may be either.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from nlu.common_words import is_common
from nlu.text import expanded_words, fold, shorthand

# A typed word this long or longer may be a typo of a phrase word ("fundng", "delegatons").
FUZZY_MIN_LENGTH = 5
# A typo is one slip of the finger: a letter wrong, missing, extra, or two swapped.
MAX_SLIPS = 1


@dataclass(frozen=True)
class Match:
    label: str
    start: int          # character span in the message
    end: int
    phrase: str         # the folded phrase that matched
    first_word: int     # index of the first matched word
    last_word: int
    exact: bool


@lru_cache(maxsize=1)
def _clitics() -> Tuple[str, ...]:
    from i18n import languages
    return tuple(sorted({c for lang in languages.all_languages() for c in lang.clitics}, key=len, reverse=True))


ANY_ACCENTS = "*"       # a phrase word expanded from a short form: typed accents are not checked


def _accented(word: str) -> Optional[str]:
    """The word lower-cased with its Latin accents, or None if it has none (or is no
    single Latin word): only words typed with accents are held to them."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    if not any(unicodedata.category(ch) == "Mn" for ch in decomposed) and "đ" not in word.casefold():
        return None
    if not all(ch.isascii() or unicodedata.category(ch) == "Mn" or ch == "đ" for ch in decomposed):
        return None
    return unicodedata.normalize("NFC", word.casefold())


def _phrase_words(phrase: str, expansions) -> Tuple[Tuple[str, ...], Tuple[Optional[str], ...]]:
    """Folded words (short forms expanded, as in messages) and each one's accented form."""
    words, accents = [], []
    for typed in phrase.split():
        folded = fold(typed).split()
        parts = [p for f in folded for p in expansions.get(f, (f,))]
        words += parts
        accents += [_accented(typed) if len(parts) == 1 else ANY_ACCENTS] * len(parts)
    return tuple(words), tuple(accents)


@lru_cache(maxsize=1)
def _everyday_words() -> frozenset:
    """Words of the languages' own (locale/language_markers.yml): typed right, never typos."""
    from nlu.language_id import markers    # the identifier reads the same word lists

    return frozenset(markers().words)


class PhraseMatcher:
    def __init__(self, phrases: Iterable[Tuple[str, str]]):
        """phrases: (phrase as written, label). A phrase may carry several labels."""
        self._by_first: Dict[str, List[Tuple[Tuple[str, ...], str, Tuple[Optional[str], ...]]]] = {}
        vocabulary = set()
        expansions = shorthand()
        for phrase, label in phrases:
            # phrases are written as people type them ("dlm tempoh apa"): expanded like messages
            words, accents = _phrase_words(phrase, expansions)
            if not words:
                continue
            entry = (words, label, accents)
            bucket = self._by_first.setdefault(words[0], [])
            if entry not in bucket:
                bucket.append(entry)
            vocabulary.update(words)
        for bucket in self._by_first.values():
            bucket.sort(key=lambda e: -len(e[0]))
        # a typo may be longer than the word it misspells ("citys" for "city")
        self._vocabulary = sorted(w for w in vocabulary if len(w) >= FUZZY_MIN_LENGTH - 1 and not w.isdigit())
        self._known = vocabulary
        self._correct = lru_cache(maxsize=20000)(self._correction)

    def _correction(self, word: str) -> Optional[str]:
        """The phrase word `word` is a typo of, if any: one letter wrong, missing or extra
        in a word of five letters or more ("fundng", "delgations"); a plural -s of a known
        word ("citys"). Never two slips ("terima" is no typo of "diterima", "penerima" none
        of "penderma") nor a word of four letters ("tieng" is no typo of "tien")."""
        if word in self._known or len(word) < FUZZY_MIN_LENGTH or any(ch.isdigit() for ch in word):
            return None
        # a word of its own ("andar", inside) is no slip for another ("antar"), only an
        # inflection of one ("sangathano" of "sangathan")
        own_word = word in _everyday_words() or is_common(word)    # "सिस्टम" is no "सिस्टर"
        if word.endswith("s") and word[:-1] in self._known:
            return word[:-1]
        for clitic in _clitics():
            if word.endswith(clitic) and word[:-len(clitic)] in self._known:
                return word[:-len(clitic)]
        for candidate, _distance, _ in process.extract(word, self._vocabulary, scorer=DamerauLevenshtein.distance,
                                                       score_cutoff=MAX_SLIPS, limit=3):
            if len(candidate) >= FUZZY_MIN_LENGTH and (not own_word or word.startswith(candidate)):
                return candidate
        return None

    def find(self, text: str, skip: Sequence[Tuple[int, int]] = ()) -> List[Match]:
        """Non-overlapping matches in text order; words inside `skip` spans are not used."""
        tokens, after_gap, skipped = [], [], False
        for w, typed in expanded_words(text):
            if any(s <= typed.start < e for s, e in skip):
                skipped = True
                continue
            tokens.append((w, typed))
            after_gap.append(skipped)
            skipped = False
        exact_words = [w for w, _ in tokens]
        corrected = [self._correct(w) or w for w in exact_words]
        typed_accents = [_accented(typed.text) if typed.expanded == (w,) and len(fold(typed.text).split()) == 1
                         else None for w, typed in tokens]
        candidates: List[Match] = []
        for i in range(len(tokens)):
            for words in (exact_words, corrected):
                for phrase, label, accents in self._by_first.get(words[i], ()):
                    n = len(phrase)
                    # a word typed with accents is held to them: "động" is no "dong" (đồng)
                    # a phrase never spans a skipped word: "so với [Sơn La] năm" is no "so với năm"
                    if tuple(words[i:i + n]) == phrase and not any(after_gap[i + 1:i + n]) and all(
                            want == ANY_ACCENTS or got is None or want == got
                            for want, got in zip(accents, typed_accents[i:i + n])):
                        exact = tuple(exact_words[i:i + n]) == phrase
                        candidates.append(Match(label, tokens[i][1].start, tokens[i + n - 1][1].end,
                                                " ".join(phrase), i, i + n - 1, exact))
        chosen: List[Match] = []
        taken: set = set()
        # longest first, exact before corrected, then leftmost
        for match in sorted(candidates, key=lambda m: (-(m.last_word - m.first_word), not m.exact, m.first_word)):
            span = set(range(match.first_word, match.last_word + 1))
            if taken.isdisjoint(span):
                chosen.append(match)
                taken |= span
            elif any(c.first_word == match.first_word and c.last_word == match.last_word
                     and c.label != match.label and c.exact == match.exact for c in chosen):
                chosen.append(match)      # the same phrase under another label
        return sorted(chosen, key=lambda m: (m.first_word, m.label))
