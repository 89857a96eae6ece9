"""Names of places nobody knows ("how much aid did Atlantis get?", "tỉnh Hòa Phong có
bao nhiêu NGO"), so the answer can say it does not know that place instead of
answering about the last one. Used when no known place was found and the tagger
saw none either:
- a word or two next to a kind word ("Hòa Phong" after "tỉnh", "Song Hong" before
  "province"; db/place_affixes.yml), or
- the first words of a question, unknown, right before a word that follows place
  names ("اٹلانٹس کو", "अटलांटिस को"; locale/question_words.yml), or
- a capitalised word or two inside a Latin-script sentence,
neither of which is a word the assistant knows (metrics, question and language words,
short forms, period words, language and country names)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import yaml

from db.places import AFFIXES_FILE
from i18n import languages
from nlu.common_words import FUNCTION_WORD_ZIPF, is_common
from nlu.lexicon import PhraseMatcher
from nlu.text import LOCALE_DIR, Word, fold, shorthand, words

MAX_NAME_WORDS = 3
MIN_FIRST_WORD_CHARS = 4    # a capitalised first word is a name only if it is no short word
VOCABULARY_FILES = ("metric_words.yml", "language_markers.yml", "question_words.yml", "language_requests.yml",
                    "periods.yml")


def _strings(data) -> List[str]:
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in _strings(value)]
    if isinstance(data, list):
        return [s for value in data for s in _strings(value)]
    return []


@lru_cache(maxsize=1)
def known_words() -> FrozenSet[str]:
    """Every folded word of the assistant's own vocabulary: its word files, the names of
    its languages and of the world's countries."""
    from nlu.language_names import language_names

    texts = [name for name, _ in language_names()]
    for name in VOCABULARY_FILES:
        texts += _strings(yaml.safe_load((LOCALE_DIR / name).read_text(encoding="utf-8")) or {})
    found = set(shorthand())
    for text in texts:
        found.update(w for w in fold(text.replace("{", " ").replace("}", " ")).split() if not w.isdigit())
    return frozenset(found)


def _own_word(word: Word) -> bool:
    return word.folded in known_words() or word.folded.isdigit()


def _unknown(word: Word) -> bool:
    """Neither a word of the assistant's own nor an everyday word of its script's language."""
    return word.folded not in known_words() and not word.folded.isdigit() and len(word.folded) > 1 \
        and not is_common(word.text, as_name=_capitalised(word) and not word.initial)


def _name_after(ws: Sequence[Word], i: int) -> List[Word]:
    run = []
    for word in ws[i:i + MAX_NAME_WORDS]:
        # "Hòa Phong", "Hoa Lam": capitalised words make a name even if one is a known word
        if not (_unknown(word) or _capitalised(word)):
            break
        run.append(word)
    return run if _a_name(run) else []


def _a_name(run: List[Word]) -> bool:
    """Some word nobody knows, or two capitalised words ("Phu Lam", "Thanh Long")."""
    return any(_unknown(w) for w in run) or (len(run) > 1 and all(_capitalised(w) for w in run))


def _name_before(ws: Sequence[Word], i: int) -> List[Word]:
    run = []
    for word in reversed(ws[max(0, i - MAX_NAME_WORDS):i]):
        if not (_unknown(word) or _capitalised(word)):
            break
        run.insert(0, word)
    return run if _a_name(run) else []


def _capitalised(word: Word) -> bool:
    return word.text[:1].isupper() and word.text[:1].isascii() and word.text[1:2].islower()


@lru_cache(maxsize=1)
def place_marker_languages() -> Dict[str, FrozenSet[str]]:
    """Folded word that follows place names -> the languages it does so in."""
    data = yaml.safe_load((LOCALE_DIR / "question_words.yml").read_text(encoding="utf-8")) or {}
    out: Dict[str, set] = {}
    for lang, ws in (data.get("place_marker") or {}).items():
        for w in ws:
            out.setdefault(fold(w), set()).add(lang)
    return {w: frozenset(langs) for w, langs in out.items()}


def _marker_languages(word: Word) -> FrozenSet[str]:
    """The languages in which this word, or the word it is short for ("dpt" = dapat), follows
    place names."""
    markers = place_marker_languages()
    return markers.get(word.folded) or markers.get(" ".join(word.expanded)) or frozenset()


def _marker_in_its_language(text: str, word: Word) -> bool:
    """"Bihar ko ..." is Hindi, its "ko" follows a place; in "remind me how many ..." (English)
    "me" is no Hindi "in"."""
    from nlu.language_id import identify     # the identifier reads the same word files

    langs = _marker_languages(word)
    if "any" in langs:
        return True
    found = identify(text)
    return found.code is None and not found.candidates or \
        bool(langs & ({found.code} | set(found.candidates)))


@lru_cache(maxsize=1)
def kind_words() -> PhraseMatcher:
    """Kind words ("tỉnh", "province") and the words that make one generic ("mấy tỉnh"),
    matched like metric words: with accents when typed with them ("tính" is no "tỉnh")."""
    data = yaml.safe_load(AFFIXES_FILE.read_text(encoding="utf-8")) or {}
    return PhraseMatcher([(str(w), f"{section}:{lang}") for section in ("affixes", "generic")
                          for lang, ws in (data.get(section) or {}).items() for w in ws])


def _name_first(lang: str) -> bool:
    """"Song Hong province", "सोंग होंग प्रांत": the name before the kind word, unless the
    language puts the head first ("tỉnh Hòa Phong", "wilayah Hoa Lam")."""
    return lang == "any" or not languages.get(lang).head_first


def _word_index(ws: Sequence[Word], offset: int, last: bool = False) -> int:
    if last:
        return max(i for i, w in enumerate(ws) if w.start < offset)
    return min(i for i, w in enumerate(ws) if w.end > offset)


def unknown_recipient(text: str, asks_figure: bool = True) -> Optional[Tuple[int, int]]:
    """An unknown name opening a question for a figure, right before a word that follows
    place names: "اٹلانٹس کو کتنی امداد ملی؟", "Bihar ko Vietnam ke NGOs se kitni sahayata
    mili" (the place asked about, whatever other place the question names); "سورس کا لنک
    دو" asks for no figure."""
    if not asks_figure:
        return None
    ws = words(text)
    marker = next((i for i, w in enumerate(ws) if _marker_languages(w)), 0)
    if marker and not _marker_in_its_language(text, ws[marker]):
        return None
    run = ws[:marker]
    if run and text[run[-1].end:ws[marker].start].strip():
        return None     # "السلام علیکم، میں ...": a greeting, then "I", no name before "in"
    # "بن فوک کو": a name may hold an everyday word ("بن"), not only such words ("آپ کا")
    if 0 < len(run) <= MAX_NAME_WORDS and not any(_own_word(w) for w in run) and any(
            not is_common(w.text, FUNCTION_WORD_ZIPF) for w in run):
        return run[0].start, run[-1].end
    return None


_NUMBER = re.compile(r"^(\d+|[ivx]+)$")


@lru_cache(maxsize=1)
def group_words() -> PhraseMatcher:
    data = yaml.safe_load(AFFIXES_FILE.read_text(encoding="utf-8")) or {}
    return PhraseMatcher([(str(w), "group") for ws in (data.get("groups") or {}).values() for w in ws])


def numbered_group(text: str) -> Optional[Tuple[int, int]]:
    """"kluster 1", "Cụm thi đua số III": a group named by its number (whether the database
    holds it is for the place index to say)."""
    ws = words(text)
    for match in group_words().find(text):
        after = [w for w in ws if w.start >= match.end][:1]
        if after and _NUMBER.match(after[0].folded) and not text[match.end:after[0].start].strip(" .#"):
            return match.start, after[0].end
    return None


def find_unknown_place(text: str, asks_figure: bool = True, beside_kind_only: bool = False) -> Optional[Tuple[int, int]]:
    """The span of one unknown place name, or None; `beside_kind_only`: no guess from a
    capitalised word alone, only from the shape of the question, a numbered group or a
    kind word ("Wilayah Tanjung Emas kat Vietnam", where the country is named too)."""
    span = unknown_recipient(text, asks_figure) or numbered_group(text)
    if span is not None:
        return span
    ws = words(text)
    matches = kind_words().find(text)
    generic_ends = {m.end for m in matches if m.label.startswith("generic:")}
    for kind in (m for m in matches if m.label.startswith("affixes:")):
        first, last = _word_index(ws, kind.start), _word_index(ws, kind.end, last=True)
        if any(not text[end:kind.start].strip() for end in generic_ends if end <= kind.start):
            continue        # "mấy tỉnh thuộc top đầu": any province, no name
        if _name_first(kind.label.split(":", 1)[1]):
            run = _name_before(ws, first) or _name_after(ws, last + 1)
        else:
            # a name typed before the kind word in a head-first language is a name only
            # when capitalised ("Hoa Lam city"); "disertai bandar itu" is "joined by that city"
            before = _name_before(ws, first)
            run = _name_after(ws, last + 1) or (before if any(_capitalised(w) for w in before) else [])
        if run:
            return run[0].start, run[-1].end
    if beside_kind_only:
        return None
    for i, word in enumerate(ws):
        if _capitalised(word) and _unknown(word) and (i > 0 or len(word.folded) >= MIN_FIRST_WORD_CHARS):
            run = [w for w in _name_after(ws, i) if _capitalised(w)] or [word]
            return run[0].start, run[-1].end
    return None
