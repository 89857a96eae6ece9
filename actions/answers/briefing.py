"""A place's key figures, money first (a bare place name asks for this)."""
from __future__ import annotations

from actions import metrics
from actions.answers.problems import ask_for_place
from actions.question import Question
from actions.reply import Context, Reply, places_with_data, remember

MAX_LINES = 8


def answer(ctx: Context, question: Question) -> Reply:
    if not question.places:
        return ask_for_place(ctx, question)
    code = question.places[0]
    render = ctx.renderer()
    figures = sorted((m.figure for m in ctx.adb.figures(code)),
                     key=lambda f: metrics.briefing_rank(f.metric))[:MAX_LINES]
    lines = []
    if figures:
        lines.append(ctx.gettext("{place}: key figures", place=render.name(code)))
        lines += [render.figure_line(f, code) for f in figures]
    else:
        lines.append(ctx.gettext("I have no figures for {place} yet.", place=render.name(code)))
        lines.append(ctx.gettext("I have figures for: {places}.", places=render.names(places_with_data(ctx))))
    lines.append(render.place_note(code))
    lines += render.sources_block()
    return remember(Reply().say(lines), question, figures)
