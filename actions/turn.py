"""What the user said this turn, read from the tracker once and kept immutable."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

# Longer texts are cut before any processing: nobody asks a 5,000-character
# question about aid figures, and detection/fuzzy matching cost grows with length.
MAX_TEXT_CHARS = 500


@dataclass(frozen=True)
class Entity:
    name: str
    value: str
    text: str               # as typed (equals value for button payloads)
    start: Optional[int] = None
    end: Optional[int] = None
    status: str = "found"   # the NLU extractors' verdict: found | ambiguous | unknown | invalid
    candidates: Tuple[str, ...] = ()    # unit codes of an ambiguous or unknown place
    alternatives: Tuple[str, ...] = ()  # other units an abbreviation could mean ("QN")
    request: bool = False   # a language name that asks for replies in that language
    subject: bool = False   # an unknown place the question is plainly about ("Bihar ko ...")
    city: bool = False      # a foreign place named as a city of its country ("Vientiane")
    kind: str = ""          # a period's template kind ("year", "last_year", ...)


@dataclass(frozen=True)
class LanguageEvidence:
    """What the NLU pipeline's LanguageIdentifier saw in the message."""
    code: Optional[str] = None
    candidates: Tuple[str, ...] = ()
    script: Optional[str] = None
    score: float = 0.0          # how much word evidence named `code`
    scores: Dict[str, float] = field(default_factory=dict)   # word evidence of every language


@dataclass(frozen=True)
class Turn:
    text: str
    intent: str
    entities: Tuple[Entity, ...] = ()
    telegram_language: Optional[str] = None
    is_payload: bool = False                 # a "/intent{...}" message (button or crafted)
    language: LanguageEvidence = LanguageEvidence()

    def values(self, name: str) -> List[str]:
        return [e.value for e in self.entities if e.name == name]

    def of(self, name: str) -> List[Entity]:
        return [e for e in self.entities if e.name == name]

    def requested_language(self) -> Optional[str]:
        """"Answer in Urdu" (with or without a question in the same message)."""
        return next((e.value for e in self.of("language") if e.request), None)


def _clean(text: Any) -> str:
    """Drop control characters (keep ordinary whitespace) and cut very long input."""
    if not isinstance(text, str):
        return ""
    kept = "".join(ch if ch.isprintable() or ch in " \n\t" else " " for ch in text)
    return kept[:MAX_TEXT_CHARS].strip()


def _entity(raw: Dict[str, Any], text: str) -> Optional[Entity]:
    name, value = raw.get("entity"), raw.get("value")
    if not isinstance(name, str) or value is None or isinstance(value, (dict, list)):
        return None
    value = _clean(str(value))
    if not value:
        return None
    start, end = raw.get("start"), raw.get("end")
    if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
        typed = text[start:end]
    else:
        start = end = None
        typed = value
    status = raw.get("status") if isinstance(raw.get("status"), str) else "found"
    return Entity(name=name, value=value, text=typed, start=start, end=end, status=status,
                  candidates=_codes(raw.get("candidates")), alternatives=_codes(raw.get("alternatives")),
                  request=raw.get("request") is True, subject=raw.get("subject") is True,
                  city=raw.get("city") is True, kind=raw.get("kind") if isinstance(raw.get("kind"), str) else "")


def _codes(raw: Any) -> Tuple[str, ...]:
    return tuple(c for c in raw if isinstance(c, str)) if isinstance(raw, list) else ()


def _language(raw: Any) -> LanguageEvidence:
    if not isinstance(raw, dict):
        return LanguageEvidence()
    code = raw.get("code") if isinstance(raw.get("code"), str) else None
    script = raw.get("script") if isinstance(raw.get("script"), str) else None
    score = raw.get("score") if isinstance(raw.get("score"), (int, float)) else 0.0
    scores = raw.get("scores") if isinstance(raw.get("scores"), dict) else {}
    return LanguageEvidence(code, _codes(raw.get("candidates")), script, float(score),
                            {k: float(v) for k, v in scores.items() if isinstance(k, str) and isinstance(v, (int, float))})


def read_turn(latest_message: Dict[str, Any]) -> Turn:
    text = _clean(latest_message.get("text"))
    intent = (latest_message.get("intent") or {}).get("name") or "nlu_fallback"
    entities = tuple(
        e for e in (_entity(raw, text) for raw in latest_message.get("entities") or [])
        if e is not None
    )
    metadata = latest_message.get("metadata") or {}
    if not isinstance(metadata, dict):
        metadata = {}
    lang_code = metadata.get("language_code")
    return Turn(
        text=text,
        intent=intent,
        entities=entities,
        telegram_language=lang_code if isinstance(lang_code, str) else None,
        is_payload=text.startswith("/"),
        language=_language(latest_message.get("language")),
    )
