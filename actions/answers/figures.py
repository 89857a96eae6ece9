"""Figures for one or more places: amounts and counts, each with its period and source.

When nothing answers the asked period exactly, the reply says so: a figure for a
longer period, or for only part of the asked one, is shown labelled with its own
period; a figure for another period entirely is not shown (only what exists is listed).
"""
from __future__ import annotations

from datetime import date
from typing import Any, List, Optional

from actions import metrics
from actions.answers import periods
from actions.answers.problems import ask_for_place, quotable
from actions.question import Period, Question
from actions.reply import Context, Reply, places_with_data, remember

MAX_PLACES = 3


def wanted_metrics(question: Question) -> Optional[set]:
    """The metrics that answer the question; None = any."""
    if question.unavailable:
        return set()
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
    lines: List[str] = []
    shown: List[Any] = []
    for code, period in _places_and_periods(question):
        lines.extend(_for_place(ctx, render, code, wanted, question, period, shown))
    lines.extend(render.sources_block())
    return remember(Reply().say(lines), question, shown)


def _places_and_periods(question: Question):
    """Each place with its period: "Son La in 2023 and cluster 2 in H1 2024" pairs them."""
    places = question.places[:MAX_PLACES]
    if len(places) > 1 and len(question.periods) == len(places):
        return list(zip(places, question.periods))
    return [(code, _asked_period(question)) for code in places]


def _units(ctx: Context, code: str) -> List[str]:
    """A foreign country's figures are its provinces' (the Lao side is Sekong's)."""
    unit = ctx.adb.unit(code)
    return [code] + list(unit.children) if unit is not None and unit.is_foreign else [code]


def _asked_period(question: Question) -> Optional[Period]:
    """The period to look up. A change ("how much more in 2023 than 2022") is stated for
    the later of two periods."""
    if not question.periods:
        return None
    if "aid_change" in question.metrics and len(question.periods) > 1:
        return max(question.periods, key=lambda p: (p.end or p.start))
    period = question.periods[0]
    if "aid_change" in question.metrics and period.start and period.end and period.end.year > period.start.year:
        # "how much did it rise between 2022 and 2023": the change is stated for the later year
        return Period(date(period.end.year, 1, 1), period.end, period.text)
    return period


def _what(ctx: Context, question: Question) -> str:
    if question.unavailable and quotable(question.unavailable):
        return ctx.gettext("“{text}”", text=question.unavailable)
    if question.money or any(m in metrics.MONEY for m in question.metrics):
        return ctx.gettext("aid")
    if question.metrics:
        return ctx.gettext(metrics.LABELS[question.metrics[0]])
    return ctx.gettext("that")


def _for_place(ctx, render, code, wanted, question, period, shown) -> List[str]:
    good, part, longer = _matches(ctx, code, wanted, period)
    if period is not None and question.periods_carried and not (good or part or longer):
        # the period came from a question about something else: it was only a hint
        period = None
        good, part, longer = _matches(ctx, code, wanted, period)
    good, part = _with_levels(ctx, code, good), _with_levels(ctx, code, part)
    lines = [render.name(code) + ":"]
    if question.which_ones:
        # "which ones are they?": the names where the sources give them, else say they don't
        unnamed = [f for f in good + part + longer if not f.items]
        good, part, longer = ([f for f in found if f.items] for found in (good, part, longer))
        if unnamed and not (good or part or longer):
            what = ", ".join(dict.fromkeys(ctx.gettext(metrics.LABELS[f.metric]) for f in unnamed))
            lines.append(ctx.gettext("The sources give how many ({what}), not which ones.", what=what))
            lines.append(render.place_note(code))
            return lines
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


def _with_levels(ctx, code, found) -> list:
    """A change in aid comes with the amount it led to ("did aid go up in 2023?": by
    US$4.9 million, to US$228.7 million), when the place has it for the same period."""
    levels = []
    for change in (f for f in found if f.metric == "aid_change"):
        same = Period(change.period_start, change.period_end, "")
        levels += [f for f in _matches(ctx, code, set(metrics.AID), same)[0]
                   if (f.period_start, f.period_end) == (change.period_start, change.period_end)]
    return found + [f for f in levels if f not in found]


def _matches(ctx, code, wanted, period):
    """The place's figures that answer the period, cover part of it, or cover more."""
    found = [m for unit in _units(ctx, code) for m in ctx.adb.figures(unit, period=periods.query(period))
             if wanted is None or m.figure.metric in wanted]
    found = list({m.figure.id: m for m in found}.values())
    good = [m.figure for m in found if periods.answers(m, period)]
    part = [m.figure for m in found if periods.covers_part(m, period)]
    longer = [m.figure for m in found if not periods.answers(m, period)
              and m.relation in periods.LONGER_OR_OVERLAPPING]
    if period is not None and not good:
        # "how much more than 2022?": a change is stated against its base period
        good = [f for f in _changes_against(ctx, code, wanted, period)]
    return good, part, longer


def _changes_against(ctx, code, wanted, period):
    return [m.figure for m in ctx.adb.figures(code)
            if (wanted is None or m.figure.metric in wanted) and m.figure.base_period_start is not None
            and m.figure.base_period_start == period.start and m.figure.base_period_end == period.end]


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
