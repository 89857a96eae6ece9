"""Questions that cannot be answered yet: no place, an unknown or ambiguous place, an
impossible period. Each is answered politely in the user's language; the question
is kept, so the next turn (a place name, a button) completes it."""
from __future__ import annotations

import unicodedata

from actions.frame import PlaceProblem
from actions.question import Question
from actions.reply import Context, Reply, place_buttons, places_with_data, remember

MAX_QUOTED = 40


def quotable(text: str) -> bool:
    """Echo what the user typed only when it looks like a name or a date (letters and
    digits in any script, spaces, - . ' / –): never code or markup from a crafted message."""
    return 0 < len(text) <= MAX_QUOTED and all(
        ch.isalnum() or ch in " -.'’/–" or unicodedata.category(ch).startswith("M") for ch in text)


def ask_for_place(ctx: Context, question: Question) -> Reply:
    codes = places_with_data(ctx)
    reply = Reply().say(
        [ctx.gettext("Which province or city do you mean? I have figures for: {places}.",
                     places=ctx.renderer().names(codes))],
        place_buttons(ctx, codes))
    return remember(reply, question)


def place_problem(ctx: Context, question: Question, problem: PlaceProblem) -> Reply:
    """Unknown or ambiguous place: ask, with buttons; the follow-up completes the question."""
    reply = Reply()
    if problem.kind == "foreign":
        codes = places_with_data(ctx)
        name = ctx.renderer().country(problem.country)
        if problem.city and quotable(problem.text):
            name = ctx.gettext("{city} ({country})", city=problem.text, country=name)
        reply.say([ctx.gettext("{place} is not part of Vietnam: I only have figures for Vietnamese "
                               "provinces and cities.", place=name),
                   ctx.gettext("I have figures for: {places}.", places=ctx.renderer().names(codes))],
                  place_buttons(ctx, codes))
    elif problem.kind == "ambiguous":
        reply.say([ctx.gettext("“{text}” could mean several places. Which one?", text=problem.text)
                   if quotable(problem.text) else ctx.gettext("Which of these places do you mean?")],
                  place_buttons(ctx, problem.candidates))
    elif problem.candidates:
        reply.say([ctx.gettext("I don't know a place called “{text}”. Did you mean one of these?",
                               text=problem.text)
                   if quotable(problem.text) else ctx.gettext("Which of these places do you mean?")],
                  place_buttons(ctx, problem.candidates))
    else:
        codes = places_with_data(ctx)
        unknown = (ctx.gettext("I don't know a place called “{text}”.", text=problem.text)
                   if quotable(problem.text) else ctx.gettext("I don't know that place."))
        reply.say([unknown, ctx.gettext("I have figures for: {places}.", places=ctx.renderer().names(codes))],
                  place_buttons(ctx, codes))
    return remember(reply, question)


def invalid_period(ctx: Context, text: str) -> Reply:
    if not quotable(text):
        return Reply().say([ctx.gettext("I can't use that as a period. Please give a year such as 2023, "
                                        "or a range such as 2019–2024.")])
    return Reply().say([ctx.gettext("I can't use “{text}” as a period. Please give a year such as 2023, "
                                    "or a range such as 2019–2024.", text=text)])
