"""Two places, or two periods, side by side.

Whether the two figures can be ordered is decided once, in db (db.comparison):
same metric and unit, matching periods, qualifiers that make the order certain.
Otherwise both figures are shown with their periods and the reply says why no
verdict is given. A change the source states ("an increase of US$4.9 million
compared with 2022") is shown as the answer to "how much more".
"""
from __future__ import annotations

from datetime import date
from typing import Optional, Sequence

from i18n.catalog import N_

from actions import metrics
from actions.answers import periods
from actions.question import Period, Question
from actions.reply import Context, Reply, remember

# Why no verdict: db.comparison's reason codes, in words.
NO_VERDICT = {
    "different_metric": N_("These figures measure different things, so I don't compare them."),
    "different_unit": N_("These figures are in different units, so I don't compare them."),
    "different_periods": N_("These figures cover different periods, so I don't say which is higher."),
    "uncertain_qualifiers": N_("The sources give these figures as approximate or open-ended "
                               "(“about”, “more than”), so they don't show which is higher."),
    "same_figure": N_("Both sides are the same figure."),
}


def _common_metric(ctx: Context, codes: Sequence[str], question: Question) -> Optional[str]:
    """The asked metric or its relatives ("aid" may be stored as disbursed aid), else the
    first, in briefing order, that every place reports."""
    per_unit = [{a.metric for a in ctx.adb.available(c)} for c in codes]
    common = set.intersection(*per_unit) if per_unit else set()
    if question.metrics:
        asked = [m for a in question.metrics for m in metrics.family(a)]
    elif question.money:
        asked = list(metrics.AID)
    else:
        asked = sorted(common, key=metrics.briefing_rank)
    return next((m for m in asked if m in common), asked[0] if asked else None)


def _related_figures(ctx: Context, codes: Sequence[str], question: Question) -> list:
    """For each place, its best figure among the asked metric's relatives, when every
    place has one (they differ, so no verdict)."""
    if question.metrics:
        family = [m for a in question.metrics for m in metrics.side_by_side(a)]
    else:
        # money, or nothing named: aid is what two places are compared on first
        family = list(metrics.AID)
    period = periods.query(question.periods[0]) if question.periods else None
    chosen = []
    for code in codes:
        # a place without a figure for the period shows its own, labelled with its period
        # ("Quang Nam's 43 million against all of Vietnam in 2023")
        matches = [m for m in ctx.adb.figures(code, period=period) if m.figure.metric in family] or \
            [m for m in ctx.adb.figures(code) if m.figure.metric in family]
        if not matches:
            return []
        chosen.append(min(matches, key=lambda m: family.index(m.figure.metric)).figure)
    return chosen


def _as_year(period: Period) -> Period:
    """"2022 se compare karo": set against another period, "from 2022" is the year 2022."""
    if period.start is not None and period.end is None:
        return Period(period.start, date(period.start.year, 12, 31), period.text)
    return period


def _verdict(ctx: Context, comparison, names) -> str:
    verdict = comparison.verdict
    if verdict.order == "left_higher":
        return ctx.gettext("{a} is higher than {b}.", a=names[0], b=names[1])
    if verdict.order == "right_higher":
        return ctx.gettext("{a} is higher than {b}.", a=names[1], b=names[0])
    if verdict.order == "equal":
        return ctx.gettext("The two figures are the same.")
    why = NO_VERDICT.get(verdict.reason, NO_VERDICT["uncertain_qualifiers"])
    return ctx.gettext(why)


def answer(ctx: Context, question: Question) -> Reply:
    render = ctx.renderer()
    if len(question.places) >= 2:
        a, b = question.places[:2]
        metric = _common_metric(ctx, (a, b), question)
        if metric is None or not all(any(x.metric == metric for x in ctx.adb.available(c)) for c in (a, b)):
            related = _related_figures(ctx, (a, b), question)
            if related:
                # "aid" is committed aid in one place and received aid in the other
                lines = [render.figure_line(f, with_place=True) for f in related]
                same_metric = related[0].metric == related[1].metric
                why = NO_VERDICT["different_periods" if same_metric else "different_metric"]
                lines.append(ctx.gettext(why))
                lines += [render.history_note(code) for code in (a, b)]
                lines += render.sources_block()
                return remember(Reply().say(lines), question, related)
            lines = [ctx.gettext("I have no figure that both {a} and {b} report.",
                                 a=render.name(a), b=render.name(b))]
            for code in (a, b):
                lines.append(ctx.gettext("Here is what I have for {place}:", place=render.name(code)))
                lines += render.availability_lines(code, limit=5)
            return remember(Reply().say(lines), question)
        period = question.periods[0] if question.periods else None
        period_b = question.periods[1] if len(question.periods) > 1 else None
        comparison = ctx.adb.compare_units(a, b, metric, periods.query(period), periods.query(period_b))
        names = (render.name(a), render.name(b))
        codes = (a, b)
    elif len(question.periods) >= 2:
        code = question.places[0] if question.places else "vn"
        metric = _common_metric(ctx, (code,), question)
        p1, p2 = sorted((_as_year(p) for p in question.periods[:2]), key=lambda p: (p.start or p.end))
        if metric is None:
            return remember(Reply().say([ctx.gettext("I have no figures for {place} to compare.",
                                                     place=render.name(code))]), question)
        comparison = ctx.adb.compare_periods(code, metric, periods.query(p1), periods.query(p2))
        names = (periods.words(ctx, p1), periods.words(ctx, p2))
        codes = (code,)
    else:
        return Reply().say([ctx.gettext("What should I compare? For example: "
                                        "“compare Quang Nam and Son La” or “compare 2022 and 2023”.")])

    # one place's two periods: the place heads the reply, as a figure answer's does
    lines, shown = ([render.name(codes[0]) + ":"] if len(codes) == 1 else []), []
    change = getattr(comparison, "stated_change", None)
    stated = [ctx.gettext("The source states the change itself:"), render.figure_line(change.figure)] \
        if change is not None else []
    if change is not None and comparison.right is not None and not question.both_figures and (
            comparison.left is None or comparison.left.figure.derived):
        # "did it get more in 2023 than 2022?": the change the source states is the answer,
        # beside the later figure it was stated with; an earlier figure that was only worked
        # out from these two adds nothing the source said
        lines += stated + [render.figure_line(comparison.right.figure)]
        shown += [change.figure, comparison.right.figure]
    elif len(codes) == 1 and (comparison.left is None or comparison.right is None):
        # a year without a figure: that is the answer; the place's figures are listed, the
        # other year's not restated ("and 2022, for comparison?" after the 2023 figure)
        lines += [ctx.gettext("{name}: no figure for this.", name=name)
                  for side, name in ((comparison.left, names[0]), (comparison.right, names[1])) if side is None]
        lines.append(ctx.gettext("Here is what I have for {place}:", place=render.name(codes[0])))
        lines += render.availability_lines(codes[0], limit=5)
    else:
        for side, name in ((comparison.left, names[0]), (comparison.right, names[1])):
            if side is None:
                lines.append(ctx.gettext("{name}: no figure for this.", name=name))
            else:
                lines.append(render.figure_line(side.figure, with_place=len(codes) > 1))
                shown.append(side.figure)
        if comparison.left is not None and comparison.right is not None and change is None:
            lines.append(_verdict(ctx, comparison, names))
        if change is not None:      # what the source states settles which is higher
            lines += stated
            shown.append(change.figure)
    lines += [render.history_note(code) for code in codes]
    lines += render.sources_block()
    return remember(Reply().say(lines), question, shown)
