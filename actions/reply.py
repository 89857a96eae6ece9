"""What every answer is built from: the conversation's context and the reply itself."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Sequence

from rasa_sdk.events import SlotSet

from actions.question import Question
from actions.render import Renderer


@dataclass
class Reply:
    messages: List[Dict[str, Any]] = field(default_factory=list)
    events: List[Any] = field(default_factory=list)

    def say(self, lines: Sequence[Optional[str]], buttons: Sequence[Dict[str, str]] = ()) -> "Reply":
        # One message per answer: single newlines only, because the REST channel
        # splits a text on blank lines into several messages.
        text = "\n".join(line for line in lines if line)
        message: Dict[str, Any] = {"text": text}
        if buttons:
            message["buttons"] = list(buttons)
        self.messages.append(message)
        return self


@dataclass
class Context:
    """One turn's view of the conversation: the database, the reply language and its
    translator, the slots as they were before this turn."""
    adb: Any
    lang: str
    tr: Any
    slots: Dict[str, Any]

    def renderer(self) -> Renderer:
        return Renderer(self.adb, self.lang, self.tr)

    def gettext(self, msgid: str, **kwargs) -> str:
        return self.tr.gettext(msgid, **kwargs)


MAX_BUTTONS = 6


def payload(intent: str, **entities: str) -> str:
    """A button payload Rasa parses directly; short, so Telegram's 64-byte limit rarely bites."""
    return f"/{intent}" + (json.dumps(entities, separators=(",", ":")) if entities else "")


def place_buttons(ctx: Context, codes: Sequence[str], intent: str = "follow_up") -> List[Dict[str, str]]:
    render = ctx.renderer()
    return [{"title": render.name(c), "payload": payload(intent, place=c)} for c in codes[:MAX_BUTTONS]]


def remember(reply: Reply, question: Question, figures: Sequence[Any] = ()) -> Reply:
    """Keep the question for follow-ups and exactly the figures shown for "source?"."""
    reply.events.append(SlotSet("last_question", question.to_slot()))
    reply.events.append(SlotSet("last_figures", [f.id for f in figures]))
    return reply


def places_with_data(ctx: Context) -> List[str]:
    return list(ctx.adb.units_with_figures())
