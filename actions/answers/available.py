"""What the assistant has: for one place, its metrics and periods; else the places."""
from __future__ import annotations

from actions.question import Question
from actions.reply import Context, Reply, place_buttons, places_with_data, remember

MAX_LINES = 20


def answer(ctx: Context, question: Question) -> Reply:
    render = ctx.renderer()
    if question.places:
        code = question.places[0]
        lines = render.availability_lines(code, limit=MAX_LINES)
        if lines:
            lines.insert(0, ctx.gettext("Here is what I have for {place}:", place=render.name(code)))
        else:
            lines = [ctx.gettext("I have no figures for {place} yet.", place=render.name(code)),
                     ctx.gettext("I have figures for: {places}.", places=render.names(places_with_data(ctx)))]
        lines.append(render.place_note(code))
        return remember(Reply().say(lines), question)
    codes = places_with_data(ctx)
    lines = [ctx.gettext("I have figures for: {places}.", places=render.names(codes)),
             render.reorganisation_line()]
    return remember(Reply().say(lines, place_buttons(ctx, codes, intent="ask_available_data")), question)
