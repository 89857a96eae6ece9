"""Which provinces and cities report the most of something (only those with a figure)."""
from __future__ import annotations

from i18n import formatting

from dataclasses import replace

from actions import metrics
from actions.answers import figures, periods
from actions.question import FIGURES, Question
from actions.reply import Context, Reply, places_with_data, remember


def answer(ctx: Context, question: Question) -> Reply:
    render = ctx.renderer()
    period = question.periods[0] if question.periods else None
    # With no metric named, rank by aid (the question people ask most).
    asked = [m for a in question.metrics for m in metrics.family(a)] or list(metrics.AID)
    lines, shown = [], []
    for metric in asked:
        ranked = ctx.adb.rank(metric, periods.query(period))     # provinces and cities only
        if not ranked:
            continue
        lines.append(ctx.gettext("{label}, by province or city:", label=ctx.gettext(metrics.LABELS[metric])))
        for position, fig in enumerate(ranked, start=1):
            lines.append(f"{formatting.format_number(position, ctx.lang)}. "
                         + render.figure_line(fig, with_place=True).lstrip("• "))
        shown += ranked
        if len({(f.period_start, f.period_end, f.period_kind) for f in ranked}) > 1:
            lines.append(ctx.gettext("The periods differ, so this order is only a rough guide."))
    if not lines and question.places:
        # nothing to rank ("which year is that for?" after a cluster's GRDP count): the
        # conversation's place has the answer
        return figures.answer(ctx, replace(question, kind=FIGURES))
    if not lines:
        label = ctx.gettext(metrics.LABELS[question.metrics[0]]) if question.metrics else ctx.gettext("aid")
        lines.append(ctx.gettext("I have no figures for {what} from more than one place to rank.", what=label))
        lines.append(ctx.gettext("I have figures for: {places}.", places=render.names(places_with_data(ctx))))
    else:
        lines.append(ctx.gettext("Only places with a reported figure are listed."))
    lines += render.sources_block()
    return remember(Reply().say(lines), question, shown)
