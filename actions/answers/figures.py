"""Figures for one or more places: amounts and counts, each with its period and source.

When nothing answers the asked period exactly, the reply says so: a figure for a
longer period, or for only part of the asked one, is shown labelled with its own
period; a figure for another period entirely is not shown (only what exists is listed).
"""
from __future__ import annotations

from typing import Any, List, Optional

from actions import metrics
from actions.answers import periods
from actions.answers.problems import ask_for_place
from actions.question import Period, Question
from actions.reply import Context, Reply, places_with_data, remember

MAX_PLACES = 3


def wanted_metrics(question: Question) -> Optional[set]:
    """The metrics that answer the question; None = any."""
    if question.metrics:
        return {m for asked in question.metrics for m in metrics.family(asked)}
    if question.money:
        return set(metrics.AID)
    return None


def answer(ctx: Context, question: Question) -> Reply:
    if not question.places:
        return ask_for_place(ctx, question)
    render = ctx.renderer()
    wanted = wanted_metrics(question)
    period = _asked_period(question)
    lines: List[str] = []
    shown: List[Any] = []
    for code in question.places[:MAX_PLACES]:
        lines.extend(_for_place(ctx, render, code, wanted, question, period, shown))
    lines.extend(render.sources_block())
    return remember(Reply().say(lines), question, shown)


def _asked_period(question: Question) -> Optional[Period]:
    """The period to look up. A change ("how much more in 2023 than 2022") is stated for
    the later of two periods."""
    if not question.periods:
        return None
    if "aid_change" in question.metrics and len(question.periods) > 1:
        return max(question.periods, key=lambda p: (p.end or p.start))
    return question.periods[0]


def _what(ctx: Context, question: Question) -> str:
    if question.money or any(m in metrics.MONEY for m in question.metrics):
        return ctx.gettext("aid")
    if question.metrics:
        return ctx.gettext(metrics.LABELS[question.metrics[0]])
    return ctx.gettext("that")


def _units(ctx: Context, code: str) -> List[str]:
    """A foreign country's figures are its provinces' (the Lao side is Sekong's)."""
    unit = ctx.adb.unit(code)
    return [code] + list(unit.children) if unit is not None and unit.is_foreign else [code]


def _for_place(ctx, render, code, wanted, question, period, shown) -> List[str]:
    matches = [m for unit in _units(ctx, code) for m in ctx.adb.figures(unit, period=periods.query(period))
               if wanted is None or m.figure.metric in wanted]
    matches = list({m.figure.id: m for m in matches}.values())
    good = [m.figure for m in matches if periods.answers(m, period)]
    part = [m.figure for m in matches if periods.covers_part(m, period)]
    longer = [m.figure for m in matches if not periods.answers(m, period)
              and m.relation in periods.LONGER_OR_OVERLAPPING]
    lines = [render.name(code) + ":"]
    if good:
        lines += [render.figure_line(f, code) for f in good]
        shown += good
    elif part:
        lines.append(ctx.gettext("I have no figure for the whole of {period}. For part of it:",
                                 period=periods.words(ctx, period)))
        lines += [render.figure_line(f, code) for f in part]
        shown += part
    elif longer:
        lines.append(ctx.gettext(
            "I have no figure for exactly {period}. The closest I have covers a different period:",
            period=periods.words(ctx, period)))
        lines += [render.figure_line(f, code) for f in longer]
        shown += longer
    else:
        lines += _nothing(ctx, render, code, question, period)
    lines.append(render.place_note(code))
    return lines


def _nothing(ctx, render, code, question, period) -> List[str]:
    what, place = _what(ctx, question), render.name(code)
    if period:
        lines = [ctx.gettext("I have no figure for {what} in {place} for {period}.",
                             what=what, place=place, period=periods.words(ctx, period))]
    else:
        lines = [ctx.gettext("I have no figure for {what} in {place}.", what=what, place=place)]
    available = render.availability_lines(code)
    if available:
        lines.append(ctx.gettext("Here is what I have for {place}:", place=place))
        lines += available
    else:
        lines.append(ctx.gettext("I have figures for: {places}.", places=render.names(places_with_data(ctx))))
    return lines
