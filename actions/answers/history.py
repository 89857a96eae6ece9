"""What the 1 July 2025 reorganisation did to a place (facts from the succession records)."""
from __future__ import annotations

from actions.answers.problems import ask_for_place
from actions.question import Question
from actions.reply import Context, Reply, remember

MAX_PLACES = 3


def answer(ctx: Context, question: Question) -> Reply:
    if not question.places:
        return ask_for_place(ctx, question)
    render = ctx.renderer()
    lines = [render.place_note(code) or render.unchanged_note(code) for code in question.places[:MAX_PLACES]]
    return remember(Reply().say(lines), question)
