"""Place resolution: which admin unit(s) a typed name, or a sentence, refers to.

Every display name (all languages) and alias of every unit is normalised
(db.normalize) into an in-memory index, built once per AidDatabase. A query is
normalised the same way, kind words such as "tỉnh"/"province"/"صوبہ" are dropped
(db/place_affixes.yml), and then scored against the index:

* 100   the normalised forms are equal (spaces ignored: "Quangnam" = "Quang Nam");
* 90    the query is a whole-word part of a name ("Bac" in "Bac Ninh"), only for
        resolve_place, where the user typed just a place;
* else  rapidfuzz ratio of the space-free forms (typos: "Quang Nahm").

Score >= FOUND_SCORE with a single best unit -> "found"; several unrelated units
sharing the best score -> "ambiguous"; below -> "unknown" with suggestions.
Units of one lineage matched through the same name (can_tho and can_tho_2025)
are one answer, not an ambiguity. When the text IS a name or alias of several
unrelated units (score 100: "QN" = Quang Nam, Quang Ninh, Quang Ngai) and exactly
one of those lineages holds figures, that unit is "found" and the others are
reported in PlaceResolution.alternatives; partial or fuzzy ties stay ambiguous.

A typo never changes a number: a fuzzy match must carry the same numbers (digits or
Roman numerals) as the query, so "Cluster 3" or "Cụm III" is not Cluster II.

Short keys (fewer than SHORT_KEY_LEN letters once spaces are dropped, such as the
abbreviations "QN", "HN", "SG") only ever match exactly, never as a typo of
something else, alone or inside sentences. Inside sentences a name is not taken
when its words are part of a listed phrase that is not a place ("lao động" is
labour, not Laos: `not_places` in db/place_affixes.yml).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Optional

import yaml
from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from db.normalize import compact, normalize_name
from db.records import PlaceCandidate, PlaceResolution

AFFIXES_FILE = Path(__file__).resolve().parent / "place_affixes.yml"

FOUND_SCORE = 85.0          # best score needed to call a place found
SUGGEST_SCORE = 60.0        # lowest score still offered as a suggestion
PART_OF_NAME_SCORE = 90.0   # query is a whole-word part of a longer name
SENTENCE_FUZZY_SCORE = 90.0 # inside sentences only near-exact typos count
SENTENCE_FUZZY_SCORE_LONG = 85.0  # ...except in long names, where two letters swapped score 85.7
SENTENCE_LONG_LEN = 7             # ("vietnma", "quang nma"), if it is one slip of the finger
SENTENCE_MIN_FUZZY_LEN = 5  # ...and only for words long enough to have typos
MAX_WINDOW_EXTRA = 2        # affix words a sentence window may carry besides the name
MIN_STRIPPED_CHARS = 3      # a name without its kind word must keep this many letters
SHORT_KEY_LEN = 3           # keys shorter than this (abbreviations) match only exactly
_ROMAN = re.compile(r"^(x{0,3})(ix|iv|v?i{0,3})$")   # i .. xxxix, as words


@dataclass(frozen=True)
class AliasEntry:
    unit_code: str
    alias: str              # as written in the seed
    lang: Optional[str]     # language of a display name; None for aliases
    normalized: str


def _phrases(section: str, path: Path) -> tuple[tuple[str, ...], ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = {tuple(normalize_name(w).split()) for ws in (data.get(section) or {}).values() for w in ws}
    return tuple(sorted((w for w in words if w), key=len, reverse=True))


@lru_cache(maxsize=1)
def load_affixes(path: Path = AFFIXES_FILE) -> tuple[tuple[str, ...], ...]:
    """Affix word sequences (normalised), longest first."""
    return _phrases("affixes", path)


@lru_cache(maxsize=1)
def load_not_places(path: Path = AFFIXES_FILE) -> tuple[tuple[str, ...], ...]:
    """Word sequences (normalised) that contain a place name but are not places."""
    return _phrases("not_places", path)


@lru_cache(maxsize=8)
def _affix_lookup(affixes: tuple[tuple[str, ...], ...]) -> tuple[frozenset, tuple[int, ...]]:
    return frozenset(affixes), tuple(sorted({len(a) for a in affixes}, reverse=True))


def strip_affixes(words: list[str], affixes: Iterable[tuple[str, ...]]) -> list[str]:
    """Drop kind words at either end ("tinh quang nam" -> "quang nam"), never all words."""
    known, lengths = _affix_lookup(tuple(affixes))
    words = list(words)
    changed = True
    while changed:
        changed = False
        for n in lengths:       # longest first, as the affixes are listed
            if len(words) > n and tuple(words[:n]) in known:
                words, changed = words[n:], True
            elif len(words) > n and tuple(words[-n:]) in known:
                words, changed = words[:-n], True
    return words


class PlaceIndex:
    """Normalised names of all units, with the lineage facts needed to rank them."""

    def __init__(self, entries: Iterable[AliasEntry], lineage: dict[str, str],
                 units_with_figures: set[str], current_units: set[str]):
        self._affixes = load_affixes()
        self._not_places = load_not_places()
        self._lineage = lineage
        self._with_figures = units_with_figures
        self._current = current_units
        # One key per distinct space-free form; each key lists the entries having it.
        by_key: dict[str, list[AliasEntry]] = {}
        for entry in entries:
            for form in self._forms(entry.normalized):
                by_key.setdefault(compact(form), []).append(entry)
        self._by_key = by_key
        self._keys = list(by_key)
        self._fuzzy_keys = [k for k in by_key if len(k) >= SHORT_KEY_LEN]
        self._key_words = {key: self._forms_words(by_key[key]) for key in self._keys}
        self._key_numerals = {key: {_numerals(form) for form in forms} for key, forms in self._key_words.items()}
        self._max_words = max((len(e.normalized.split()) for es in by_key.values() for e in es), default=1)

    def _forms(self, normalized: str) -> set[str]:
        words = normalized.split()
        stripped = strip_affixes(words, self._affixes)
        forms = {" ".join(words)}
        if len("".join(stripped)) >= MIN_STRIPPED_CHARS:
            # "Hà Tĩnh" folds to "ha tinh", and "tinh" is also "tỉnh" (province): "ha" alone
            # is no name of it
            forms.add(" ".join(stripped))
        return forms - {""}

    def _forms_words(self, entries: list[AliasEntry]) -> set[tuple[str, ...]]:
        out = set()
        for e in entries:
            for form in self._forms(e.normalized):
                out.add(tuple(form.split()))
        return out

    # --- scoring -----------------------------------------------------------------

    def _scores(self, words: list[str], in_sentence: bool) -> dict[str, tuple[float, str]]:
        """Best (score, key) per index key for the query words (affixes already stripped)."""
        key = "".join(words)
        scored: dict[str, tuple[float, str]] = {}
        if not key:
            return scored
        if key in self._by_key:
            scored[key] = (100.0, key)
        numerals = _numerals(words)
        if in_sentence:
            # numbers in a window ("cluster 2", "2023") must match exactly
            if len(key) >= SENTENCE_MIN_FUZZY_LEN and not any(w.isdigit() for w in words):
                long_key = len(key) >= SENTENCE_LONG_LEN
                cutoff = SENTENCE_FUZZY_SCORE_LONG if long_key else SENTENCE_FUZZY_SCORE
                for match, score, _ in process.extract(
                        key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=cutoff, limit=None):
                    if match[:1] != key[:1]:
                        continue    # inside sentences typos keep the first letter: "la thanh" is no "Ha Thanh"
                    if score < SENTENCE_FUZZY_SCORE and not _one_slip(key, match):
                        continue    # "vietnma" (two letters swapped) yes, "chao ban" / "cao bang" no
                    if not any(_word_by_word(words, form) for form in self._key_words[match]):
                        continue    # "dana NGO" (Malay: NGO funds) is no "Da Nang"
                    if numerals in self._key_numerals[match]:
                        scored.setdefault(match, (score, match))
            return scored
        for match, score, _ in process.extract(
                key, self._fuzzy_keys, scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE, limit=None):
            if numerals in self._key_numerals[match]:
                scored.setdefault(match, (score, match))
        if len(key) >= 3:
            query = tuple(words)
            for k, word_forms in self._key_words.items():
                if k != key and any(_contains_words(form, query) for form in word_forms):
                    if scored.get(k, (0.0,))[0] < PART_OF_NAME_SCORE:
                        scored[k] = (PART_OF_NAME_SCORE, k)
        return scored

    def _resolve_words(self, words: list[str], text: str, lang: Optional[str],
                       limit: int, in_sentence: bool) -> PlaceResolution:
        spaced = " ".join(words)

        typed = " ".join(text.split()).casefold()

        def preference(score: float, entry: AliasEntry) -> tuple:
            # among equal scores report the spelling closest to what was typed: the same
            # words, then the same words once kind words are dropped, then exactly the
            # typed letters ("Lào", not "Lao"), then a name in the asked language, then
            # any display name
            return (score, entry.normalized == spaced, spaced in self._forms(entry.normalized),
                    entry.alias.casefold() == typed, lang is not None and entry.lang == lang,
                    entry.lang is not None)

        best: dict[str, tuple[float, AliasEntry, str]] = {}  # unit -> (score, entry, key)
        for key, (score, _) in self._scores(words, in_sentence).items():
            for entry in self._by_key[key]:
                held = best.get(entry.unit_code)
                if held is None or preference(score, entry) > preference(held[0], held[1]):
                    best[entry.unit_code] = (score, entry, key)
        ranked = sorted(best.items(), key=lambda kv: (
            -kv[1][0], kv[0] not in self._with_figures, kv[0] not in self._current, kv[0]))
        candidates = [PlaceCandidate(unit_code=code, score=round(score, 1), matched_alias=entry.alias,
                                     exact=score >= 100.0)
                      for code, (score, entry, _) in ranked]
        if not candidates or candidates[0].score < FOUND_SCORE:
            return PlaceResolution("unknown", candidates[:limit], text)
        top = candidates[0].score
        tied = [code for code, (score, _, _) in ranked if round(score, 1) == top]
        tied_keys = {best[code][2] for code in tied}
        one_lineage = len({self._lineage.get(code, code) for code in tied}) == 1
        if len(tied) == 1 or (one_lineage and len(tied_keys) == 1):
            return PlaceResolution("found", candidates[:limit], text)
        if top >= 100.0:
            # the text is a name of each tied unit: if only one lineage has figures, that one
            lineages: dict[str, list[str]] = {}
            for code in tied:
                lineages.setdefault(self._lineage.get(code, code), []).append(code)
            holding = [codes for codes in lineages.values() if any(c in self._with_figures for c in codes)]
            if len(holding) == 1:
                chosen = next(c for c in holding[0] if c in self._with_figures)
                by_code = {c.unit_code: c for c in candidates}
                ordered = [by_code[chosen]] + [c for c in candidates if c.unit_code != chosen]
                others = [by_code[codes[0]] for codes in lineages.values() if codes is not holding[0]]
                return PlaceResolution("found", ordered[:limit], text, others)
        return PlaceResolution("ambiguous", candidates[:limit], text)

    # --- public ------------------------------------------------------------------

    def resolve(self, text: str, lang: Optional[str] = None, limit: int = 5) -> PlaceResolution:
        words = strip_affixes(normalize_name(text).split(), self._affixes)
        return self._resolve_words(words, text, lang, limit, in_sentence=False)

    def find(self, text: str, lang: Optional[str] = None, limit: int = 5) -> list[PlaceResolution]:
        """Places named anywhere in `text`, in order. Spans do not overlap: the best
        score wins, and among equal scores the longest span."""
        spans = _word_spans(text)
        words = [w for w, _, _ in spans]
        not_places = [(i, i + len(p)) for p in self._not_places for i in range(len(words) - len(p) + 1)
                      if tuple(words[i:i + len(p)]) == p]
        hits = []  # (start, end, resolution)
        max_len = self._max_words + MAX_WINDOW_EXTRA
        for i in range(len(words)):
            for j in range(min(len(words), i + max_len), i, -1):
                window = words[i:j]
                core = strip_affixes(window, self._affixes)
                if core != window and compact(" ".join(window)) in self._by_key:
                    core = window       # "Ha Tinh" is Hà Tĩnh, not "Ha" in some province
                if len(core) == len(window) and len(window) > self._max_words:
                    continue
                if not core or all(w.isdigit() for w in core):
                    continue
                if any(a <= i and j <= b for a, b in not_places):
                    continue
                if any(ch in CLAUSE_MARKS for ch in text[spans[i][2]:spans[j - 1][1]]):
                    continue    # "nhiều lắm, hổng biết": no name runs across a comma
                resolution = self._resolve_words(core, text[spans[i][1]:spans[j - 1][2]], lang, limit,
                                                 in_sentence=True)
                if resolution.status != "unknown":
                    hits.append((i, j, resolution))
        chosen, taken = [], set()
        # exact beats fuzzy; among equal scores the longest span (it takes "province" etc. along)
        for i, j, resolution in sorted(hits, key=lambda h: (-h[2].candidates[0].score, -(h[1] - h[0]), h[0])):
            if taken.isdisjoint(range(i, j)):
                taken.update(range(i, j))
                chosen.append((i, resolution))
        return [resolution for _, resolution in sorted(chosen, key=lambda c: c[0])]


# Marks no place name holds between its words.
CLAUSE_MARKS = ",;:!?()\n"


def _numerals(words) -> tuple[str, ...]:
    """The numbers among the words (digits or Roman numerals), sorted."""
    return tuple(sorted(w for w in words if w.isdigit() or _ROMAN.match(w)))


def _word_by_word(typed: list[str], name: tuple[str, ...]) -> bool:
    """The same number of words, at most one slip in all of them ("quang nma"); in a short
    word a wrong, swapped or extra letter ("quang nahm"), not a missing one ("ben te" is no
    "Ben Tre")."""
    if len(typed) != len(name):
        return False
    slips = [(a, b) for a, b in zip(typed, name) if a != b]
    if len(slips) > 1:
        return False
    # a three-letter word with a wrong letter is mostly another word: "hon binh" is Vietnamese
    # "hơn bình (quân)" (above average), not Hòa Bình
    return all(DamerauLevenshtein.distance(a, b) <= 1
               and ((len(a) == len(b) and len(a) >= 4) or min(len(a), len(b)) >= 5
                    or (len(a) == len(b) + 1 and len(b) >= 3))
               for a, b in slips)


def _one_slip(typed: str, name: str) -> bool:
    """One wrong, missing, extra or swapped letter."""
    return DamerauLevenshtein.distance(typed, name) <= 1


def _contains_words(name: tuple[str, ...], query: tuple[str, ...]) -> bool:
    n = len(query)
    return len(name) > n and any(name[k:k + n] == query for k in range(len(name) - n + 1))


def _is_word_char(ch: str) -> bool:
    # letters, marks (Devanagari vowel signs), digits, and invisible format chars
    return unicodedata.category(ch)[0] in "LMN" or unicodedata.category(ch) == "Cf"


def _word_spans(text: str) -> list[tuple[str, int, int]]:
    """Normalised words with their character offsets in the original text."""
    out, start = [], None
    for pos, ch in enumerate(text + " "):
        if _is_word_char(ch) and pos < len(text):
            start = pos if start is None else start
        elif start is not None:
            for word in normalize_name(text[start:pos]).split():
                out.append((word, start, pos))
            start = None
    return out
