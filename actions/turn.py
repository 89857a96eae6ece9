"""What the user said this turn, read from the tracker once and kept immutable."""
from __future__ import annotations

from dataclasses import dataclass
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


@dataclass(frozen=True)
class Turn:
    text: str
    intent: str
    entities: Tuple[Entity, ...] = ()
    telegram_language: Optional[str] = None
    chosen_language: Optional[str] = None   # from the bot's /language menu
    is_payload: bool = False                 # a "/intent{...}" message (button or crafted)

    def values(self, name: str) -> List[str]:
        return [e.value for e in self.entities if e.name == name]

    def texts(self, name: str) -> List[str]:
        return [e.text for e in self.entities if e.name == name]

    def text_without(self, *names: str) -> str:
        """The message with the spans of the given entities removed.

        Place names are Vietnamese words whatever language the question is in,
        so language detection must not see them.
        """
        spans = sorted(
            (e.start, e.end) for e in self.entities
            if e.name in names and e.start is not None and e.end is not None
        )
        out, pos = [], 0
        for start, end in spans:
            if start >= pos:
                out.append(self.text[pos:start])
                pos = end
        out.append(self.text[pos:])
        return " ".join("".join(out).split())


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
    return Entity(name=name, value=value, text=typed, start=start, end=end)


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
    chosen = metadata.get("chosen_language")
    return Turn(
        text=text,
        intent=intent,
        entities=entities,
        telegram_language=lang_code if isinstance(lang_code, str) else None,
        chosen_language=chosen if isinstance(chosen, str) else None,
        is_payload=text.startswith("/"),
    )
