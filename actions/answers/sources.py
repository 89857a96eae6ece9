"""Where the figures of the last answer come from, with the sentence that states each."""
from __future__ import annotations

from typing import List

from actions import metrics
from actions.reply import Context, Reply


def answer(ctx: Context) -> Reply:
    render = ctx.renderer()
    ids = ctx.slots.get("last_figures") or []
    figures = ctx.adb.figures_by_ids([i for i in ids if isinstance(i, (int, str))]) if ids else []
    lines: List[str] = []
    if figures:
        lines.append(ctx.gettext("The figures in my last answer come from:"))
        for fig in figures:
            citation = render.best_citation(fig)
            lines.append(f"• {ctx.gettext(metrics.LABELS.get(fig.metric, fig.metric))} [{render.cite(fig)}]: "
                         f"“{citation.quote}”")
        lines += render.sources_block()
    else:
        lines.append(ctx.gettext("My figures come from these published news articles:"))
        # The English and Urdu Quang Nam articles are one article: list it once.
        for line in dict.fromkeys(render.source_line(source) for source in ctx.adb.sources()):
            lines.append("• " + line)
    lines.append(ctx.gettext("Each figure is stored with the sentence it came from; "
                             "I never state a number that is not in my database."))
    return Reply().say(lines)
