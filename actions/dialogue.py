"""Answers to the questions the assistant understands: dialogue logic only.

Each answer_* function takes a Context and a Question and returns a Reply.
Facts come from the query layer (db.api); words from the catalogs; numbers from
stored figures only.
"""
from __future__ import annotations

import json
import unicodedata
from decimal import Decimal
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Sequence

from rasa_sdk.events import SlotSet

from db.api import PeriodQuery
from i18n import formatting, languages
from i18n.catalog import N_

from actions import metrics
from actions.question import Period, Question
from actions.render import Renderer
from actions.understanding import PlaceProblem

# How the stored period relates to the asked one (see db.api).
ANSWERS_THE_PERIOD = {"exact", "inside", "any"}
COVERS_MORE_OR_PART = {"contains", "overlapping"}


def answers_the_period(match) -> bool:
    """A stated yearly rate ("every year about 150–250") answers a question about any
    year it covers; other figures must lie within the asked period."""
    return match.relation in ANSWERS_THE_PERIOD or (
        match.figure.period_kind == "per_year" and match.relation == "contains")

EXAMPLE_QUESTIONS = (
    N_("How much NGO funding did Quang Nam get since 2019?"),
    N_("How many foreign NGOs are there in Son La?"),
    N_("Compare aid to Vietnam in 2022 and 2023"),
)
MAX_BUTTONS = 6
MAX_BRIEFING_LINES = 8


@dataclass
class Reply:
    messages: List[Dict[str, Any]] = field(default_factory=list)
    events: List[Any] = field(default_factory=list)

    def say(self, lines: Sequence[str], buttons: Sequence[Dict[str, str]] = ()) -> "Reply":
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
    adb: Any
    lang: str
    tr: Any
    slots: Dict[str, Any]

    def renderer(self) -> Renderer:
        return Renderer(self.adb, self.lang, self.tr)


def payload(intent: str, **entities: str) -> str:
    """A button payload Rasa parses directly; short, so Telegram's 64-byte limit rarely bites."""
    return f"/{intent}" + (json.dumps(entities, separators=(",", ":")) if entities else "")


def place_buttons(ctx: Context, codes: Sequence[str], intent: str = "follow_up") -> List[Dict[str, str]]:
    render = ctx.renderer()
    return [{"title": render.name(c), "payload": payload(intent, place=c)} for c in codes[:MAX_BUTTONS]]


def example_buttons(ctx: Context) -> List[Dict[str, str]]:
    return [{"title": ctx.tr.gettext(q), "payload": ctx.tr.gettext(q)} for q in EXAMPLE_QUESTIONS]


def _period_query(period: Optional[Period]) -> Optional[PeriodQuery]:
    return PeriodQuery(period.start, period.end) if period else None


def _date_words(ctx: Context, day, year_boundary: tuple) -> str:
    """A year alone when the date is the year's first/last day (as the user said it)."""
    if (day.month, day.day) == year_boundary:
        return str(day.year)       # years are never digit-grouped
    return formatting.format_date(day, ctx.lang)


def _period_words(ctx: Context, period: Period) -> str:
    if period.start and period.end:
        return formatting.format_period(period.start, period.end, "range", ctx.lang)
    if period.start:
        return ctx.tr.gettext("since {date}", date=_date_words(ctx, period.start, (1, 1)))
    if period.end:
        return ctx.tr.gettext("until {date}", date=_date_words(ctx, period.end, (12, 31)))
    return period.text


def _remember(reply: Reply, question: Question, figures: Sequence[Any] = ()) -> Reply:
    """Keep the question for follow-ups and exactly the figures shown for "source?"."""
    reply.events.append(SlotSet("last_question", question.to_slot()))
    reply.events.append(SlotSet("last_figures", [f.id for f in figures]))
    return reply


def _places_with_data(ctx: Context) -> List[str]:
    return list(ctx.adb.units_with_figures())


# ---------------------------------------------------------------- problems --

def ask_for_place(ctx: Context, question: Question) -> Reply:
    codes = _places_with_data(ctx)
    reply = Reply().say(
        [ctx.tr.gettext("Which province or city do you mean? I have figures for: {places}.",
                        places=ctx.renderer().names(codes))],
        place_buttons(ctx, codes))
    return _remember(reply, question)


MAX_QUOTED_PLACE = 40


def _quotable(text: str) -> bool:
    """Echo what the user typed only when it looks like a name or a date (letters and
    digits in any script, spaces, - . ' / –): never code or markup from a crafted message."""
    return 0 < len(text) <= MAX_QUOTED_PLACE and all(
        ch.isalnum() or ch in " -.'’/–" or unicodedata.category(ch).startswith("M") for ch in text)


def place_problem(ctx: Context, question: Question, problem: PlaceProblem) -> Reply:
    """Unknown or ambiguous place: ask, with buttons; the follow-up completes the question."""
    reply = Reply()
    if problem.kind == "ambiguous":
        reply.say([ctx.tr.gettext("“{text}” could mean several places. Which one?", text=problem.text)
                   if _quotable(problem.text) else ctx.tr.gettext("Which of these places do you mean?")],
                  place_buttons(ctx, problem.candidates))
    elif problem.candidates:
        reply.say([ctx.tr.gettext("I don't know a place called “{text}”. Did you mean one of these?",
                                  text=problem.text)
                   if _quotable(problem.text) else ctx.tr.gettext("Which of these places do you mean?")],
                  place_buttons(ctx, problem.candidates))
    else:
        codes = _places_with_data(ctx)
        unknown = (ctx.tr.gettext("I don't know a place called “{text}”.", text=problem.text)
                   if _quotable(problem.text) else ctx.tr.gettext("I don't know that place."))
        reply.say([unknown,
                   ctx.tr.gettext("I have figures for: {places}.", places=ctx.renderer().names(codes))],
                  place_buttons(ctx, codes))
    return _remember(reply, question)


def invalid_period(ctx: Context, text: str) -> Reply:
    if not _quotable(text):
        return Reply().say([ctx.tr.gettext("I can't use that as a period. Please give a year such as 2023, "
                                           "or a range such as 2019–2024.")])
    return Reply().say([
        ctx.tr.gettext("I can't use “{text}” as a period. Please give a year such as 2023, "
                       "or a range such as 2019–2024.", text=text)])


# ----------------------------------------------------------------- figures --

def answer_figures(ctx: Context, question: Question) -> Reply:
    """Aid amounts and counts for one or more places."""
    if not question.places:
        return ask_for_place(ctx, question)
    render = ctx.renderer()
    wanted = set(metrics.family(question.metric, question.intent))
    period = question.periods[0] if question.periods else None
    lines: List[str] = []
    shown: List[Any] = []
    for code in question.places[:3]:
        lines.extend(_figures_for_place(ctx, render, code, wanted, question, period, shown))
    lines.extend(render.sources_block())
    return _remember(Reply().say(lines), question, shown)


def _is_count(metric: str) -> bool:
    return metric not in metrics.AID


def _figures_for_place(ctx, render, code, wanted, question, period, shown) -> List[str]:
    def relevant(metric: str) -> bool:
        if wanted:
            return metric in wanted
        return _is_count(metric) if question.intent == "ask_count" else True

    matches = [m for m in ctx.adb.figures(code, period=_period_query(period)) if relevant(m.figure.metric)]
    good = [m.figure for m in matches if answers_the_period(m)]
    partial = [m.figure for m in matches if not answers_the_period(m) and m.relation in COVERS_MORE_OR_PART]
    lines = [render.name(code) + ":"]
    if good:
        lines += [render.figure_line(f, code) for f in good]
        shown += good
    elif partial:
        lines.append(ctx.tr.gettext(
            "I have no figure for exactly {period}. The closest I have covers a different period:",
            period=_period_words(ctx, period)))
        lines += [render.figure_line(f, code) for f in partial]
        shown += partial
    else:
        asks_aid = question.metric in metrics.AID or (question.intent == "ask_aid_amount" and not question.metric)
        what = (ctx.tr.gettext("aid") if asks_aid
                else ctx.tr.gettext(metrics.LABELS[question.metric]) if question.metric
                else ctx.tr.gettext("that"))
        if period:
            lines.append(ctx.tr.gettext("I have no figure for {what} in {place} for {period}.",
                                        what=what, place=render.name(code),
                                        period=_period_words(ctx, period)))
        else:
            lines.append(ctx.tr.gettext("I have no figure for {what} in {place}.",
                                        what=what, place=render.name(code)))
        available = render.availability_lines(code)
        if available:
            lines.append(ctx.tr.gettext("Here is what I have for {place}:", place=render.name(code)))
            lines += available
        else:
            lines.append(ctx.tr.gettext("I have figures for: {places}.",
                                        places=render.names(_places_with_data(ctx))))
    note = render.history_note(code)
    if note:
        lines.append(note)
    return lines


def answer_briefing(ctx: Context, question: Question) -> Reply:
    if not question.places:
        return ask_for_place(ctx, question)
    code = question.places[0]
    render = ctx.renderer()
    figures = sorted((m.figure for m in ctx.adb.figures(code)),
                     key=lambda f: metrics.briefing_rank(f.metric))[:MAX_BRIEFING_LINES]
    lines = []
    if figures:
        lines.append(ctx.tr.gettext("{place}: key figures", place=render.name(code)))
        lines += [render.figure_line(f, code) for f in figures]
    else:
        lines.append(ctx.tr.gettext("I have no figures for {place} yet.", place=render.name(code)))
        lines.append(ctx.tr.gettext("I have figures for: {places}.",
                                    places=render.names(_places_with_data(ctx))))
    note = render.history_note(code)
    if note:
        lines.append(note)
    lines += render.sources_block()
    return _remember(Reply().say(lines), question, figures)


# ---------------------------------------------------------------- compare --

def _first_common_metric(ctx: Context, codes: Sequence[str], asked: Optional[str]) -> Optional[str]:
    """The metric to compare: the asked one or its relatives ("aid" may be stored as
    disbursed aid), else the first, in briefing order, that every place reports."""
    per_unit = [{a.metric for a in ctx.adb.available(c)} for c in codes]
    common = set.intersection(*per_unit) if per_unit else set()
    candidates = metrics.family(asked, "compare") if asked else sorted(common, key=metrics.briefing_rank)
    return next((m for m in candidates if m in common), asked)


def _clearly_larger(a, b) -> bool:
    """True only when a's stated value is above b's whole stated range, with a margin
    for "about"/"nearly": the assistant says "higher" without computing any number."""
    b_top = b.value_high if b.value_high is not None else b.value_low
    return a.value_low > b_top * Decimal("1.1")


def _verdict(ctx: Context, comparison, left_name: str, right_name: str) -> Optional[str]:
    if not comparison.comparable:
        return ctx.tr.gettext("These two figures cannot be compared directly "
                              "(different periods, measures or currencies).")
    left, right = comparison.left.figure, comparison.right.figure
    if _clearly_larger(left, right):
        return ctx.tr.gettext("{a} is higher than {b}.", a=left_name, b=right_name)
    if _clearly_larger(right, left):
        return ctx.tr.gettext("{a} is higher than {b}.", a=right_name, b=left_name)
    return ctx.tr.gettext("The two figures are close; the sources do not allow a firmer comparison.")


def answer_compare(ctx: Context, question: Question) -> Reply:
    render = ctx.renderer()
    if len(question.places) >= 2:
        a, b = question.places[:2]
        metric = _first_common_metric(ctx, (a, b), question.metric)
        if metric is None:
            lines = [ctx.tr.gettext("I have no figure that both {a} and {b} report.",
                                    a=render.name(a), b=render.name(b))]
            for code in (a, b):
                lines.append(ctx.tr.gettext("Here is what I have for {place}:", place=render.name(code)))
                lines += render.availability_lines(code, limit=5)
            return _remember(Reply().say(lines), question)
        period = question.periods[0] if question.periods else None
        comparison = ctx.adb.compare_units(a, b, metric, _period_query(period))
        names = (render.name(a), render.name(b))
    elif len(question.periods) >= 2:
        code = question.places[0] if question.places else "vn"
        metric = _first_common_metric(ctx, (code,), question.metric)
        p1, p2 = question.periods[:2]
        comparison = ctx.adb.compare_periods(code, metric, _period_query(p1), _period_query(p2)) if metric else None
        names = (_period_words(ctx, p1), _period_words(ctx, p2))
        a = b = code
        if comparison is None:
            return _remember(Reply().say([ctx.tr.gettext("I have no figures for {place} to compare.",
                                                         place=render.name(code))]), question)
    else:
        return Reply().say([ctx.tr.gettext("What should I compare? For example: "
                                           "“compare Quang Nam and Son La” or “compare 2022 and 2023”.")])

    lines, shown = [], []
    for side, name in ((comparison.left, names[0]), (comparison.right, names[1])):
        if side is None:
            lines.append(ctx.tr.gettext("{name}: no figure for this.", name=name))
        else:
            lines.append(render.figure_line(side.figure, with_place=a != b))
            shown.append(side.figure)
    if comparison.left is not None and comparison.right is not None:
        lines.append(_verdict(ctx, comparison, names[0], names[1]))
    for code in dict.fromkeys((a, b)):
        note = render.history_note(code)
        if note:
            lines.append(note)
    lines += render.sources_block()
    return _remember(Reply().say(lines), question, shown)


# ------------------------------------------------------------------ rank --

def answer_rank(ctx: Context, question: Question) -> Reply:
    render = ctx.renderer()
    period = question.periods[0] if question.periods else None
    # With no metric named, rank by aid (the question people ask most).
    candidates = metrics.family(question.metric, "ask_aid_amount")
    lines, shown = [], []
    for metric in candidates:
        ranked = ctx.adb.rank(metric, _period_query(period))     # provinces and cities only
        if not ranked:
            continue
        lines.append(ctx.tr.gettext("{label}, by province or city:",
                                    label=ctx.tr.gettext(metrics.LABELS[metric])))
        for position, fig in enumerate(ranked, start=1):
            lines.append(f"{formatting.format_number(position, ctx.lang)}. "
                         + render.figure_line(fig, with_place=True).lstrip("• "))
        shown += ranked
        if len({(f.period_start, f.period_end, f.period_kind) for f in ranked}) > 1:
            lines.append(ctx.tr.gettext("The periods differ, so this order is only a rough guide."))
    if not lines:
        label = ctx.tr.gettext(metrics.LABELS[question.metric]) if question.metric else ctx.tr.gettext("aid")
        lines.append(ctx.tr.gettext("I have no figures for {what} from more than one place to rank.",
                                    what=label))
        lines.append(ctx.tr.gettext("I have figures for: {places}.", places=render.names(_places_with_data(ctx))))
    else:
        lines.append(ctx.tr.gettext("Only places with a reported figure are listed."))
    lines += render.sources_block()
    return _remember(Reply().say(lines), question, shown)


# --------------------------------------------------------------- sources --

def answer_sources(ctx: Context) -> Reply:
    render = ctx.renderer()
    ids = ctx.slots.get("last_figures") or []
    figures = ctx.adb.figures_by_ids([i for i in ids if isinstance(i, (int, str))]) if ids else []
    lines: List[str] = []
    if figures:
        lines.append(ctx.tr.gettext("The figures in my last answer come from:"))
        for fig in figures:
            citation = render.best_citation(fig)
            lines.append(f"• {ctx.tr.gettext(metrics.LABELS.get(fig.metric, fig.metric))} [{render.cite(fig)}]: "
                         f"“{citation.quote}”")
        lines += render.sources_block()
    else:
        lines.append(ctx.tr.gettext("My figures come from these published documents:"))
        # The English and Urdu Quang Nam articles are one article: list it once.
        for line in dict.fromkeys(render.source_line(source) for source in ctx.adb.sources()):
            lines.append("• " + line)
    lines.append(ctx.tr.gettext("Each figure is stored with the sentence it came from; "
                                "I never state a number that is not in my database."))
    return Reply().say(lines)


# -------------------------------------------------------------- available --

def answer_available(ctx: Context, question: Question) -> Reply:
    render = ctx.renderer()
    if question.places:
        code = question.places[0]
        lines = render.availability_lines(code, limit=20)
        if lines:
            lines.insert(0, ctx.tr.gettext("Here is what I have for {place}:", place=render.name(code)))
        else:
            lines = [ctx.tr.gettext("I have no figures for {place} yet.", place=render.name(code)),
                     ctx.tr.gettext("I have figures for: {places}.", places=render.names(_places_with_data(ctx)))]
        note = render.history_note(code)
        if note:
            lines.append(note)
        return _remember(Reply().say(lines), question)
    codes = _places_with_data(ctx)
    lines = [ctx.tr.gettext("I have figures for: {places}.", places=render.names(codes)),
             ctx.tr.gettext("I also know how the 63 provinces and cities were merged into 34 on 1 July 2025.")]
    return _remember(Reply().say(lines, place_buttons(ctx, codes, intent="ask_available_data")), question)


# ---------------------------------------------------------------- history --

def answer_history(ctx: Context, question: Question) -> Reply:
    if not question.places:
        return ask_for_place(ctx, question)
    render = ctx.renderer()
    lines = []
    for code in question.places[:3]:
        note = render.history_note(code)
        lines.append(note or ctx.tr.gettext(
            "{place} was not changed by the merger of 1 July 2025 (Resolution 202/2025/QH15).",
            place=render.name(code)))
    return _remember(Reply().say(lines), question)


HANDLERS: Dict[str, Callable[[Context, Question], Reply]] = {
    "ask_aid_amount": answer_figures,
    "ask_count": answer_figures,
    "ask_briefing": answer_briefing,
    "compare": answer_compare,
    "rank": answer_rank,
    "ask_available_data": answer_available,
    "ask_history": answer_history,
}


# ------------------------------------------------------------ small talk --

def answer_language_choice(ctx_for, requested: Optional[str]) -> Reply:
    """ctx_for(lang) builds a Context in another language: the confirmation is in the new one."""
    code = languages.normalize(requested)
    if code is None:
        ctx = ctx_for(None)
        buttons = [{"title": languages.get(c).native_name, "payload": payload("choose_language", language=c)}
                   for c in languages.supported()]
        return Reply().say([ctx.tr.gettext("Which language should I answer in?")], buttons)
    ctx = ctx_for(code)
    reply = Reply().say([ctx.tr.gettext("From now on I will answer in {language}.",
                                        language=languages.get(code).native_name)])
    # Tells a front end (the Telegram bot) to switch its own texts as well.
    reply.messages.append({"json_message": {"set_language": code}})
    reply.events += [SlotSet("chosen_language", code), SlotSet("reply_language", code)]
    return reply


def greet(ctx: Context) -> Reply:
    return Reply().say([ctx.tr.gettext("Hello! I answer questions about foreign aid and foreign NGOs "
                                       "in Vietnam's provinces, with the source of every figure."),
                        ctx.tr.gettext("Try one of these:")], example_buttons(ctx))


def help_text(ctx: Context) -> Reply:
    return Reply().say([
        ctx.tr.gettext("You can ask me, in English, Vietnamese, Urdu, Hindi or Malay:"),
        "• " + ctx.tr.gettext("how much aid a province received, and in which period;"),
        "• " + ctx.tr.gettext("how many foreign NGOs, projects, delegations, visitors, MOUs or partners it has;"),
        "• " + ctx.tr.gettext("a short briefing on a province, a comparison or a ranking;"),
        "• " + ctx.tr.gettext("where a figure comes from, and how the 2025 merger changed a province."),
        ctx.tr.gettext("Try one of these:"),
    ], example_buttons(ctx))


def thank(ctx: Context) -> Reply:
    return Reply().say([ctx.tr.gettext("You're welcome. Ask me anything else about aid to Vietnam's provinces.")])


def goodbye(ctx: Context) -> Reply:
    return Reply().say([ctx.tr.gettext("Goodbye! Come back any time.")])


def out_of_scope(ctx: Context) -> Reply:
    return Reply().say([ctx.tr.gettext("I can only answer questions about foreign aid and foreign NGOs "
                                       "in Vietnam's provinces."),
                        ctx.tr.gettext("Try one of these:")], example_buttons(ctx))


def not_understood(ctx: Context) -> Reply:
    return Reply().say([ctx.tr.gettext("Sorry, I didn't understand that. I answer questions about foreign aid "
                                       "and foreign NGOs in Vietnam's provinces."),
                        ctx.tr.gettext("Try one of these:")], example_buttons(ctx))


def internal_error(ctx: Context) -> Reply:
    return Reply().say([ctx.tr.gettext("Sorry, something went wrong on my side. Please try again in a moment.")])
