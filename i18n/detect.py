"""Which registry language a user message is written in.

Two steps, neither with per-language code:
1. Script: if most letters are in one script (Arabic, Devanagari, ...) that
   only one candidate language uses (`scripts:` in languages.yml), that is it.
2. Otherwise lingua, restricted to the registry's languages, whose models are
   preloaded once per process. Too little text or no clear winner -> None, and
   the caller falls back to the previous turn's language, then Telegram's.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass

from lingua import IsoCode639_1, Language as LinguaLanguage, LanguageDetectorBuilder

from i18n import languages

# Fewer letters than this ("ok", "hi") say nothing reliable about the language.
MIN_LETTERS = 3
# Lingua's share for the winner among the candidates; below it we do not guess.
MIN_CONFIDENCE = 0.7
# Share of letters the dominant script needs for the script shortcut.
MIN_SCRIPT_SHARE = 0.5

_NOISE = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|[@#]\w+", re.IGNORECASE)


@dataclass(frozen=True)
class Detection:
    code: str
    confidence: float  # 0..1; 1.0 when the script alone decides


def _letters_only(text: str) -> str:
    """The text without URLs, mentions, digits, punctuation and emoji (marks kept for Devanagari)."""
    text = _NOISE.sub(" ", text)
    kept = (ch if unicodedata.category(ch)[0] in "LM" else " " for ch in text)
    return " ".join("".join(kept).split())


def _script(letter: str) -> str:
    # Unicode names start with the script: "LATIN SMALL LETTER O WITH HORN", "ARABIC LETTER YEH BARREE".
    return unicodedata.name(letter, "UNKNOWN").split(" ", 1)[0]


def _by_script(letters: list[str], candidates: list[languages.Language]) -> str | None:
    script, count = Counter(_script(ch) for ch in letters).most_common(1)[0]
    if count / len(letters) < MIN_SCRIPT_SHARE:
        return None
    users = [lang.code for lang in candidates if script in {s.upper() for s in lang.scripts}]
    return users[0] if len(users) == 1 else None


class _LinguaDetector:
    """Lingua with the registry languages' models preloaded (built once, thread-safe)."""

    def __init__(self, codes: list[str]):
        self.by_lingua: dict[LinguaLanguage, str] = {}
        for code in codes:
            try:
                self.by_lingua[LinguaLanguage.from_iso_code_639_1(IsoCode639_1.from_str(code))] = code
            except ValueError:  # a language lingua does not know: only the script step can find it
                continue
        self.detector = (
            LanguageDetectorBuilder.from_languages(*self.by_lingua).with_preloaded_language_models().build()
            if len(self.by_lingua) >= 2 else None
        )

    def confidences(self, text: str) -> dict[str, float]:
        if self.detector is None:
            return {code: 1.0 for code in self.by_lingua.values()}
        return {
            self.by_lingua[value.language]: value.value
            for value in self.detector.compute_language_confidence_values(text)
        }


_detector: _LinguaDetector | None = None
_detector_lock = threading.Lock()


def _lingua() -> _LinguaDetector:
    global _detector
    if _detector is None:
        with _detector_lock:
            if _detector is None:
                _detector = _LinguaDetector(languages.supported())
    return _detector


def warm_up() -> None:
    """Load the models now (at process start) instead of on the first message."""
    _lingua().confidences("warm up")


def _candidate_languages(candidates) -> list[languages.Language]:
    if candidates:
        codes = {languages.normalize(c) for c in candidates} - {None}
        chosen = [lang for lang in languages.all_languages() if lang.code in codes]
        if chosen:
            return chosen
    return languages.all_languages()


def detect_language(text: str, *, candidates=None) -> Detection | None:
    """The language of `text` among the registry (or `candidates`) languages, or None if unclear."""
    cleaned = _letters_only(text or "")
    letters = [ch for ch in cleaned if unicodedata.category(ch)[0] == "L"]
    if len(letters) < MIN_LETTERS:
        return None
    allowed = _candidate_languages(candidates)

    by_script = _by_script(letters, allowed)
    if by_script is not None:
        return Detection(by_script, 1.0)

    allowed_codes = {lang.code for lang in allowed}
    scores = {code: value for code, value in _lingua().confidences(cleaned).items() if code in allowed_codes}
    total = sum(scores.values())
    if not scores or total <= 0:
        return None
    code, best = max(scores.items(), key=lambda item: item[1])
    confidence = best / total  # renormalised over the allowed candidates
    if confidence < MIN_CONFIDENCE:
        return None
    return Detection(code, round(confidence, 4))
