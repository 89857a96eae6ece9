"""LanguageIdentifier: the language a message is written in, even when it is short,
unaccented, typed in Latin letters or mixed with English words.

Evidence, strongest first (all of it data: locale/languages.yml, locale/language_markers.yml):
1. Script: letters of a script only one registry language uses (Urdu, Devanagari).
2. Letters only one language's messages contain (Vietnamese ơ, ư, ạ ...).
3. Marker words: each typed word votes for the languages listing it (shared words
   split their vote). Hindi and Urdu in Latin letters share most words; a message
   made only of shared words is reported as both (candidates), and the dialogue
   breaks the tie (Telegram language, then the previous reply).
4. For longer text without markers, lingua's models (i18n.detect).
Place names and periods are ignored (Vietnamese names are not Vietnamese text).

Output property `language`: {"code": str|None, "candidates": [codes], "script": str,
"evidence": "script"|"letters"|"words"|"model"|None}.
"""
from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from i18n import detect, languages
from nlu.base import RuleComponent, entities, is_payload
from nlu.text import LOCALE_DIR, fold, words

MARKERS_FILE = LOCALE_DIR / "language_markers.yml"
LETTER_EVIDENCE = 1.5       # a Vietnamese-only letter outweighs a shared word or two, not an English sentence
LOANWORD_WEIGHT = 0.25
SHORT_WORD_WEIGHT = 0.5     # one-letter words ("k", "x", "v") are weak evidence
MIN_SCORE = 0.5             # less evidence than this says nothing
MIN_MODEL_WORDS = 4         # lingua's models guess on fewer words
MIN_UNKNOWN_WORDS = 2       # ...unless no word at all says anything
TIE_MARGIN = 0.5            # languages within this of the best are all candidates
ATTRIBUTE = "language"
VOWELS = set("aeiouy")


@dataclass(frozen=True)
class Identification:
    code: Optional[str]
    candidates: Tuple[str, ...] = ()
    script: Optional[str] = None
    evidence: Optional[str] = None
    scores: Dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"code": self.code, "candidates": list(self.candidates), "script": self.script,
                "evidence": self.evidence,
                "score": round(self.scores.get(self.code, 0.0), 2) if self.code else 0.0,
                "scores": {lang: round(score, 2) for lang, score in self.scores.items()}}


@dataclass(frozen=True)
class Markers:
    words: Dict[str, Dict[str, float]]      # folded word -> language -> weight
    letters: Dict[str, str]                 # letter -> language
    loans: Dict[str, str]                   # folded loanword -> the language it comes from


@lru_cache(maxsize=1)
def markers(path: Path = MARKERS_FILE) -> Markers:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    owners: Dict[str, set] = defaultdict(set)
    loans = set()
    letters: Dict[str, str] = {}
    for lang, entry in data.items():
        if languages.normalize(lang) != lang:
            raise ValueError(f"{path}: {lang!r} is not a registry language")
        for word in entry.get("words") or []:
            for part in fold(str(word)).split():
                owners[part].add(lang)
        for word in entry.get("loanwords") or []:
            for part in fold(str(word)).split():
                loans.add((part, lang))
        for letter in entry.get("letters") or "":
            letters[letter] = lang
            letters[letter.upper()] = lang
    weights: Dict[str, Dict[str, float]] = defaultdict(dict)
    for word, langs in owners.items():
        for lang in langs:
            weights[word][lang] = 1.0 / len(langs)
    loanwords = {word: lang for word, lang in loans if word not in owners}
    return Markers(dict(weights), letters, loanwords)


def _script(letter: str) -> str:
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def _without(text: str, spans: Sequence[Tuple[int, int]]) -> str:
    keep = [ch if not any(s <= i < e for s, e in spans) else " " for i, ch in enumerate(text)]
    return "".join(keep)


def _dominant_script(text: str) -> Optional[str]:
    letters = [ch for ch in text if unicodedata.category(ch)[0] == "L"]
    if not letters:
        return None
    return Counter(_script(ch) for ch in letters).most_common(1)[0][0]


def _unique_script_word(own: str) -> Optional[str]:
    """A whole word in a script only one registry language uses ("total NGO aid 2022 में
    कितनी थी" is Hindi, however many English words it has)."""
    for word in own.split():
        letters = [ch for ch in word if unicodedata.category(ch)[0] == "L"]
        if not letters:
            continue
        scripts = {_script(ch) for ch in letters}
        if len(scripts) != 1:
            continue
        users = _users(scripts.pop())
        if len(users) == 1:
            return users[0]
    return None


def _users(script: Optional[str]) -> List[str]:
    return [lang.code for lang in languages.all_languages()
            if script and script in {s.upper() for s in lang.scripts}]


def _word_scores(own: str) -> Dict[str, float]:
    """Each typed word votes once: a short form's expansion ("pcpnn" = phi chính phủ nước
    ngoài) shares one vote among its words. English loanwords ("funding", "projects")
    count only when no word of any language's own does: "citizen protection cases
    cluster 2 brp" is Malay."""
    scores: Dict[str, float] = defaultdict(float)
    loans: Dict[str, float] = defaultdict(float)
    for word in words(own):
        parts = word.expanded if word.folded not in markers().words else (word.folded,)
        if len(parts) > 1 and _acronym(word.text):
            # an acronym ("PCPNN", "TPHCM") is typed inside other languages' messages too,
            # like "NGO": as weak as a loanword
            for lang in {lang for part in parts for lang in markers().words.get(part, {})}:
                loans[lang] += LOANWORD_WEIGHT
            continue
        for part in parts:
            for lang, weight in markers().words.get(part, {}).items():
                scale = SHORT_WORD_WEIGHT if len(part) == 1 else 1.0
                scores[lang] += weight * scale / len(parts)
            if part in markers().loans:
                loans[markers().loans[part]] += LOANWORD_WEIGHT / len(parts)
    return dict(scores) if scores else dict(loans)


def _acronym(text: str) -> bool:
    """"PCPNN" or "pcpnn": capitals, or four letters or more with no vowel (teencode
    like "bn" or "dc" is shorter and stays a word of its language)."""
    return text.isupper() or (len(text) >= 4 and text.isalpha() and not set(text.lower()) & VOWELS)


def identify(text: str, ignore: Sequence[Tuple[int, int]] = (),
             kinds: Sequence[Tuple[int, int]] = ()) -> Identification:
    """`ignore`: place names and periods; `kinds`: kind words beside a name ("Tỉnh Sơn La"),
    whose words count but whose letters do not (an English sentence names "Tỉnh Lai Châu")."""
    own = _without(text, ignore)
    script = _dominant_script(own) or _dominant_script(text)
    users = _users(script)
    if script and len(users) == 1:
        return Identification(users[0], (users[0],), script, "script", {users[0]: 1.0})
    unique = _unique_script_word(own)
    if unique is not None:
        return Identification(unique, (unique,), script, "script", {unique: 1.0})
    scores = _word_scores(own)
    lettered = _without(own, kinds)
    if any(ch in markers().letters for ch in lettered):
        lang = Counter(markers().letters[ch] for ch in lettered if ch in markers().letters).most_common(1)[0][0]
        # "how many NGO đoàn come to QN each yr": a borrowed word keeps its letters, the
        # sentence around it is English; words of another language must clearly outweigh
        # the letters and the letter language's own words
        other = max(((l, s) for l, s in scores.items() if l != lang), key=lambda x: x[1], default=(None, 0.0))
        if other[1] < LETTER_EVIDENCE + scores.get(lang, 0.0):
            return Identification(lang, (lang,), script, "letters", {lang: LETTER_EVIDENCE})
    if scores:
        best = max(scores.values())
        if best >= MIN_SCORE:
            # rounded: 0.83 - 0.33 must not tie by a float's last bit
            tied = tuple(sorted((l for l, s in scores.items() if round(best - s, 6) < TIE_MARGIN),
                                key=lambda l: (-scores[l], _rank(l))))
            if all(_transliterated(l, script) for l in tied):
                # Hindi/Urdu in Latin letters: every such language with any evidence stays
                # a candidate, since the user's Telegram language outranks the words.
                others = tuple(sorted((l for l, s in scores.items()
                                       if l not in tied and _transliterated(l, script)),
                                      key=lambda l: (-scores[l], _rank(l))))
                code = tied[0] if len(tied) == 1 else _named_in(text, tied)
                return Identification(code, tied + others, script, "words", scores)
            if len(tied) == 1:
                return Identification(tied[0], tied, script, "words", scores)
            model = _by_model(own, script, tied)
            if model is not None:
                return Identification(model, tied, script, "model", scores)
            return Identification(None, tied, script, "words", scores)
    # no word anyone knows ("aid pledges ???"): two words are enough for the models
    weak = max(scores.values(), default=0.0) < MIN_SCORE
    model = _by_model(own, script, None, MIN_UNKNOWN_WORDS if weak else MIN_MODEL_WORDS)
    if model is not None:
        return Identification(model, (model,), script, "model", scores)
    return Identification(None, (), script, None, scores)


def _named_in(text: str, tied: Sequence[str]) -> Optional[str]:
    """Hindi and Urdu typed alike are told apart by the words of the names too: "poore
    desh" (the whole country) is Hindi, "pure mulk" Urdu."""
    scores = _word_scores(text)
    ranked = sorted(tied, key=lambda l: -scores.get(l, 0.0))
    if scores.get(ranked[0], 0.0) - scores.get(ranked[1], 0.0) >= TIE_MARGIN:
        return ranked[0]
    return None


def _rank(code: str) -> int:
    return languages.supported().index(code)


def _transliterated(code: str, script: Optional[str]) -> bool:
    """Written in a script that is not the language's own (Hindi in Latin letters)."""
    return bool(script) and script not in {s.upper() for s in languages.get(code).scripts}


def _by_model(text: str, script: Optional[str], among: Optional[Sequence[str]],
              min_words: int = MIN_MODEL_WORDS) -> Optional[str]:
    """lingua's verdict among the languages normally written in this script: it has
    no models of Hindi or Urdu in Latin letters, so it never decides between those;
    and on a few words it guesses, so short messages are left to the conversation."""
    if len(words(text)) < min_words:
        return None
    writers = [lang.code for lang in languages.all_languages()
               if script and script in {s.upper() for s in lang.scripts} and (not among or lang.code in among)]
    if len(writers) < 2:
        return None
    detection = detect.detect_language(text, candidates=writers)
    return detection.code if detection is not None and detection.code in writers else None


def _carve(span: Tuple[int, int], holes: Sequence[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """`span` without the parts that lie in `holes`."""
    pieces = [span]
    for hole_start, hole_end in holes:
        # the part before the hole and the part after it; one of them is empty unless they overlap
        pieces = [part for start, end in pieces
                  for part in ((start, min(end, hole_start)), (max(start, hole_end), end)) if part[0] < part[1]]
    return pieces


def _touching(text: str, first: Tuple[int, int], second: Tuple[int, int]) -> bool:
    """The spans overlap or only spaces lie between them."""
    (s1, e1), (s2, e2) = sorted((first, second))
    return s2 < e1 or not text[e1:s2].strip()


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class LanguageIdentifier(RuleComponent):
    def process_message(self, message: Message) -> None:
        from nlu.unknown_places import kind_words     # it reads this module's word files too

        if is_payload(message):
            return
        ignore = [(e["start"], e["end"]) for kind in ("place", "period") for e in entities(message, kind)
                  if isinstance(e.get("start"), int) and isinstance(e.get("end"), int)]
        text = message.get(TEXT)
        # "Quang Nam sooba", "Xuan Hoa pradesh": the kind word beside a name is the language's own word
        kinds = [(m.start, m.end) for m in kind_words().find(text) if m.label.startswith("affixes:")]
        beside_names = [k for k in kinds if any(_touching(text, k, span) for span in ignore)]
        ignore = [piece for span in ignore for piece in _carve(span, kinds)]
        message.set(ATTRIBUTE, identify(text, ignore, beside_names).as_dict(), add_to_output=True)
