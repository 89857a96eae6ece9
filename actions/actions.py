"""The Rasa custom actions: one class per action of domain.yml.

Each action reads the turn (what the NLU pipeline understood), decides the reply
language, merges the turn with the conversation's last question and hands over to
the answer for its kind (actions.answers). The database work runs in a worker
thread, so one slow answer never blocks the action server's event loop.
"""
from __future__ import annotations

import asyncio
import logging
from abc import ABC, abstractmethod
from typing import Any, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from i18n import catalog, languages

from actions.answers import (
    available, briefing, compare, conversation, figures, history, problems, rank, sources,
)
from actions.context import countries_among_partners, merge
from actions.frame import Frame, read_frame
from actions.language import reply_language
from actions.question import AVAILABLE, BRIEFING, COMPARE, FIGURES, HISTORY, RANK, Question
from actions.reply import Context, Reply
from actions.services import aid_database
from actions.turn import Turn, read_turn

logger = logging.getLogger(__name__)

SLOTS = ("chosen_language", "reply_language", "last_question", "last_figures")

ANSWERS = {FIGURES: figures.answer, BRIEFING: briefing.answer, COMPARE: compare.answer,
           RANK: rank.answer, AVAILABLE: available.answer, HISTORY: history.answer}


def _context(lang: Optional[str], slots: Dict[str, Any]) -> Context:
    lang = lang or languages.default()
    return Context(adb=aid_database(), lang=lang, tr=catalog.translator(lang), slots=slots)


class AidAction(Action, ABC):
    """Common frame: language, context, error handling, sending the reply.

    Abstract (so rasa-sdk does not register it): subclasses give name() and respond().
    """

    @abstractmethod
    def name(self) -> Text: ...

    @abstractmethod
    def respond(self, ctx: Context, turn: Turn) -> Reply: ...

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        turn = read_turn(tracker.latest_message or {})
        slots = {name: tracker.get_slot(name) for name in SLOTS}
        lang = reply_language(turn, slots["chosen_language"], slots["reply_language"])
        ctx = _context(lang, slots)
        reply = await asyncio.to_thread(self._respond_safely, ctx, turn)
        events = [SlotSet("reply_language", ctx.lang)] + reply.events     # a language choice overrides
        requested = languages.normalize(turn.requested_language())
        if requested and not any(m.get("json_message") for m in reply.messages):
            # "answer in Urdu: how many NGOs...": the choice holds from now on
            events.append(SlotSet("chosen_language", requested))
            reply.messages.append({"json_message": {"set_language": requested}})
        # The reply's language, for a front end's own texts (the Telegram bot), rides on the
        # last message: one stored event per message, none extra (Rasa's REST channel still
        # hands the custom payload out as an entry of its own).
        replied_in = next(e["value"] for e in reversed(events) if e.get("name") == "reply_language")
        messages = [dict(m) for m in reply.messages] or [{}]
        messages[-1]["json_message"] = {**(messages[-1].get("json_message") or {}), "language": replied_in}
        for message in messages:
            dispatcher.utter_message(**message)
        return _changed_slots(events, slots)

    def _respond_safely(self, ctx: Context, turn: Turn) -> Reply:
        try:
            return self.respond(ctx, turn)
        except Exception:  # never a stack trace to the user; the log has it
            logger.exception("action %s failed on intent %s", self.name(), turn.intent)
            return conversation.internal_error(ctx)


def _changed_slots(events: List[Dict[Text, Any]], before: Dict[str, Any]) -> List[Dict[Text, Any]]:
    """Only slots whose value changes (the last setting wins): fewer events, a shorter tracker."""
    last: Dict[str, Dict[Text, Any]] = {}
    others = []
    for event in events:
        if event.get("event") == "slot":
            last[event["name"]] = event
        else:
            others.append(event)
    return others + [e for name, e in last.items() if before.get(name) != e.get("value")]


def _groups_of(ctx: Context, code: str) -> List[str]:
    unit = ctx.adb.unit(code)
    return list(unit.groups) if unit is not None else []


class QuestionAction(AidAction, ABC):
    """A question about places, periods and metrics, merged with the conversation so far."""

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        frame = read_frame(turn, ctx.adb)
        if frame.invalid_period is not None:
            return problems.invalid_period(ctx, frame.invalid_period)
        previous = Question.from_slot(ctx.slots.get("last_question"))
        frame = countries_among_partners(frame, previous)
        question = merge(turn.intent, frame, previous, lambda code: _groups_of(ctx, code))
        if frame.place_problems:
            return problems.place_problem(ctx, question, frame.place_problems[0])
        reply = ANSWERS[question.kind](ctx, question)
        if question.kind == AVAILABLE and not frame.names_anything and previous is not None \
                and previous.kind == FIGURES:
            # "which provinces do you have?" lists them; the conversation stays on its
            # question, so "Sơn La thì sao" asks it about Son La
            reply.events = [e for e in reply.events if e.get("name") != "last_question"]
            reply.events.append(SlotSet("last_question", previous.to_slot()))
        return reply


class ActionAnswerAid(QuestionAction):
    def name(self) -> Text:
        return "action_answer_aid"


class ActionAnswerCount(QuestionAction):
    def name(self) -> Text:
        return "action_answer_count"


class ActionBriefing(QuestionAction):
    def name(self) -> Text:
        return "action_briefing"


class ActionCompare(QuestionAction):
    def name(self) -> Text:
        return "action_compare"


class ActionRank(QuestionAction):
    def name(self) -> Text:
        return "action_rank"


class ActionAvailableData(QuestionAction):
    def name(self) -> Text:
        return "action_available_data"


class ActionHistory(QuestionAction):
    def name(self) -> Text:
        return "action_history"


class ActionFollowUp(QuestionAction):
    """"And in Son La?", "and partners?", "over which years?": the last question with
    what this turn names replaced; with no last question, a place alone asks for its
    briefing."""

    def name(self) -> Text:
        return "action_follow_up"


class ActionSources(AidAction):
    def name(self) -> Text:
        return "action_sources"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        return sources.answer(ctx)


class ActionChooseLanguage(AidAction):
    def name(self) -> Text:
        return "action_choose_language"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        requested = next(iter(turn.values("language")), None)
        reply = conversation.choose_language(lambda lang: _context(lang or ctx.lang, ctx.slots), requested)
        chosen = languages.normalize(requested)
        previous = Question.from_slot(ctx.slots.get("last_question"))
        if chosen and previous is not None:
            # "can u write that in vietnamese for her": the last answer again, in that language
            again = ANSWERS[previous.kind](_context(chosen, ctx.slots), previous)
            reply.messages += again.messages
            reply.events += again.events
        return reply


class ActionGreet(AidAction):
    def name(self) -> Text:
        return "action_greet"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        return conversation.greet(ctx)


class ActionHelp(AidAction):
    def name(self) -> Text:
        return "action_help"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        return conversation.help_text(ctx)


class ActionThank(AidAction):
    def name(self) -> Text:
        return "action_thank"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        return conversation.thank(ctx)


class ActionGoodbye(AidAction):
    def name(self) -> Text:
        return "action_goodbye"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        return conversation.goodbye(ctx)


class ActionOutOfScope(AidAction):
    def name(self) -> Text:
        return "action_out_of_scope"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        return conversation.out_of_scope(ctx)


class ActionDefaultFallback(AidAction):
    def name(self) -> Text:
        return "action_default_fallback"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        return conversation.not_understood(ctx)


class ActionSessionStart(Action):
    """A new session keeps the conversation's slots once. Rasa's own session start copies
    every slot event of the whole history (its copies included), so a returning user's
    tracker grew with every session: 20,469 of 26,827 events after 1,000 turns
    (bench/RESULTS-rasa-session-start.md)."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                   domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        carried = [SlotSet(name, tracker.get_slot(name)) for name in SLOTS if tracker.get_slot(name) is not None]
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]
