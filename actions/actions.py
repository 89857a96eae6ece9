"""The Rasa custom actions: read the turn, pick the language, hand over to dialogue.

Each action is a thin adapter; the answers are built in actions.dialogue.
"""
from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from typing import Any, Callable, Dict, List, Optional, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from i18n import catalog, languages

from actions import dialogue
from actions.dialogue import Context, Reply
from actions.language import reply_language
from actions.question import Question
from actions.services import aid_database
from actions.turn import Turn, read_turn
from actions.understanding import bare_place, find_metric, find_periods, find_places

logger = logging.getLogger(__name__)

SLOTS = ("chosen_language", "reply_language", "last_question", "last_figures")


class AidAction(Action, ABC):
    """Common frame: language, context, error handling, sending the reply.

    Abstract (so rasa-sdk does not register it): subclasses give name() and respond().
    """

    @abstractmethod
    def name(self) -> Text: ...

    @abstractmethod
    def respond(self, ctx: Context, turn: Turn) -> Reply: ...

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        turn = read_turn(tracker.latest_message or {})
        slots = {name: tracker.get_slot(name) for name in SLOTS}
        lang = reply_language(turn, slots["chosen_language"], slots["reply_language"])
        ctx = _context(lang, slots)
        try:
            reply = self.respond(ctx, turn)
        except Exception:  # never a stack trace to the user; the log has it
            logger.exception("action %s failed on intent %s", self.name(), turn.intent)
            reply = dialogue.internal_error(ctx)
        for message in reply.messages:
            dispatcher.utter_message(**message)
        events = list(reply.events)
        if not any(e.get("name") == "reply_language" for e in events):
            events.append(SlotSet("reply_language", lang))
        return events


def _context(lang: Optional[str], slots: Dict[str, Any]) -> Context:
    lang = lang or languages.default()
    return Context(adb=aid_database(), lang=lang, tr=catalog.translator(lang), slots=slots)


class QuestionAction(AidAction):
    """A question about places, periods and metrics, answered from the database."""

    def question(self, ctx: Context, turn: Turn, places, periods, metric) -> Question:
        return Question(turn.intent if turn.intent in dialogue.HANDLERS else self.default_intent,
                        places.codes, periods.periods, metric)

    default_intent = "ask_briefing"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        periods = find_periods(turn, ctx.lang)
        if periods.invalid is not None:
            return dialogue.invalid_period(ctx, periods.invalid)
        places = find_places(turn, ctx.adb, ctx.lang)
        question = self.question(ctx, turn, places, periods, find_metric(turn))
        if places.problems:
            return dialogue.place_problem(ctx, question, places.problems[0])
        return dialogue.HANDLERS[question.intent](ctx, question)


def _question_action(action: str, intent: str) -> type:
    return type(f"Action_{intent}", (QuestionAction,), {
        "name": lambda self: action, "default_intent": intent, "__module__": __name__})


ActionAnswerAid = _question_action("action_answer_aid", "ask_aid_amount")
ActionAnswerCount = _question_action("action_answer_count", "ask_count")
ActionBriefing = _question_action("action_briefing", "ask_briefing")
ActionCompare = _question_action("action_compare", "compare")
ActionRank = _question_action("action_rank", "rank")
ActionAvailableData = _question_action("action_available_data", "ask_available_data")
ActionHistory = _question_action("action_history", "ask_history")


class ActionFollowUp(QuestionAction):
    """"And in Son La?" / "what about 2022?": the last question with one thing changed."""

    def name(self) -> Text:
        return "action_follow_up"

    def question(self, ctx: Context, turn: Turn, places, periods, metric) -> Question:
        previous = Question.from_slot(ctx.slots.get("last_question"))
        if previous is None:
            # Nothing to follow up on: a bare place is a request for its briefing.
            return Question("ask_briefing", places.codes, periods.periods, metric)
        return previous.follow_up(places.codes, periods.periods, metric)


class ActionSources(AidAction):
    def name(self) -> Text:
        return "action_sources"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        return dialogue.answer_sources(ctx)


class ActionChooseLanguage(AidAction):
    def name(self) -> Text:
        return "action_choose_language"

    def respond(self, ctx: Context, turn: Turn) -> Reply:
        requested = next(iter(turn.values("language")), None)
        return dialogue.answer_language_choice(
            lambda lang: _context(lang or ctx.lang, ctx.slots), requested)


def _simple_action(action: str, build: Callable[[Context], Reply], place_means_briefing: bool = False) -> type:
    def respond(self, ctx: Context, turn: Turn) -> Reply:
        code = bare_place(turn, ctx.adb, ctx.lang) if place_means_briefing else None
        if code is not None:
            return dialogue.answer_briefing(ctx, Question("ask_briefing", (code,)))
        return build(ctx)

    return type(f"Action_{action}", (AidAction,), {
        "name": lambda self: action, "__module__": __name__, "respond": respond})


ActionGreet = _simple_action("action_greet", dialogue.greet, place_means_briefing=True)
ActionHelp = _simple_action("action_help", dialogue.help_text)
ActionThank = _simple_action("action_thank", dialogue.thank)
ActionGoodbye = _simple_action("action_goodbye", dialogue.goodbye)
ActionOutOfScope = _simple_action("action_out_of_scope", dialogue.out_of_scope, place_means_briefing=True)
ActionDefaultFallback = _simple_action("action_default_fallback", dialogue.not_understood,
                                       place_means_briefing=True)
