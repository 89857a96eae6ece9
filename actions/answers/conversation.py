"""Greetings, help, thanks, goodbyes, things out of scope, and choosing a language."""
from __future__ import annotations

from typing import Callable, Dict, List, Optional

from rasa_sdk.events import SlotSet

from i18n import languages
from i18n.catalog import N_

from actions.reply import Context, Reply, payload

EXAMPLE_QUESTIONS = (
    N_("How much NGO funding did Quang Nam get since 2019?"),
    N_("How many foreign NGOs are there in Son La?"),
    N_("Compare aid to Vietnam in 2022 and 2023"),
)


def example_buttons(ctx: Context) -> List[Dict[str, str]]:
    return [{"title": ctx.gettext(q), "payload": ctx.gettext(q)} for q in EXAMPLE_QUESTIONS]


def greet(ctx: Context) -> Reply:
    return Reply().say([ctx.gettext("Hello! I answer questions about foreign aid and foreign NGOs "
                                    "in Vietnam's provinces, with the source of every figure."),
                        ctx.gettext("Try one of these:")], example_buttons(ctx))


def help_text(ctx: Context) -> Reply:
    return Reply().say([
        ctx.gettext("You can ask me, in English, Vietnamese, Urdu, Hindi or Malay:"),
        "• " + ctx.gettext("how much aid a province received, and in which period;"),
        "• " + ctx.gettext("how many foreign NGOs, projects, delegations, visitors, MOUs or partners it has;"),
        "• " + ctx.gettext("a short briefing on a province, a comparison or a ranking;"),
        "• " + ctx.gettext("where a figure comes from, and how the merger of provinces changed a province."),
        ctx.gettext("Try one of these:"),
    ], example_buttons(ctx))


def thank(ctx: Context) -> Reply:
    return Reply().say([ctx.gettext("You're welcome. Ask me anything else about aid to Vietnam's provinces.")])


def goodbye(ctx: Context) -> Reply:
    return Reply().say([ctx.gettext("Goodbye! Come back any time.")])


def out_of_scope(ctx: Context) -> Reply:
    return Reply().say([ctx.gettext("I can only answer questions about foreign aid and foreign NGOs "
                                    "in Vietnam's provinces."),
                        ctx.gettext("Try one of these:")], example_buttons(ctx))


def not_understood(ctx: Context) -> Reply:
    return Reply().say([ctx.gettext("Sorry, I didn't understand that. I answer questions about foreign aid "
                                    "and foreign NGOs in Vietnam's provinces."),
                        ctx.gettext("Try one of these:")], example_buttons(ctx))


def internal_error(ctx: Context) -> Reply:
    return Reply().say([ctx.gettext("Sorry, something went wrong on my side. Please try again in a moment.")])


def choose_language(context_in: Callable[[Optional[str]], Context], requested: Optional[str]) -> Reply:
    """context_in(lang) builds a Context in another language: the confirmation is in the new one."""
    code = languages.normalize(requested)
    if code is None:
        ctx = context_in(None)
        buttons = [{"title": languages.get(c).native_name, "payload": payload("choose_language", language=c)}
                   for c in languages.supported()]
        return Reply().say([ctx.gettext("Which language should I answer in?")], buttons)
    ctx = context_in(code)
    reply = Reply().say([ctx.gettext("From now on I will answer in {language}.",
                                     language=languages.get(code).native_name)])
    # Tells a front end (the Telegram bot) to switch its own texts as well.
    reply.messages.append({"json_message": {"set_language": code}})
    reply.events += [SlotSet("chosen_language", code), SlotSet("reply_language", code)]
    return reply
