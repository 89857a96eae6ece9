"""The bot end to end: a real PTB Application polling the Bot API stand-in, talking to fake Rasa."""

import logging
import pickle
from collections import OrderedDict

import pytest
from telegram.ext import ExtBot, PicklePersistence

from bot.callback_store import MAX_CALLBACK_BYTES
from bot.texts import COMMANDS
from i18n import catalog, languages
from tests.support.bot_runner import running_bot, sender_of
from tests.support.fake_rasa import HttpError, Reply
from tests.support.telegram_api import FakeGroup, FakeUser

pytestmark = pytest.mark.asyncio


UNAVAILABLE = "The assistant is temporarily unavailable, please try again in a moment."


def bot_text(lang: str, msgid: str, **kwargs) -> str:
    return catalog.translator(lang, domain="bot").gettext(msgid, **kwargs)


def callback_bytes(call) -> list[int]:
    return [len(button["callback_data"].encode("utf-8")) for row in call.keyboard for button in row]


# ---------------------------------------------------------------- commands: the assistant answers

# What the real assistant answers (actions/dialogue.py), abridged.
VI_GREETING = "Xin chào! Tôi trả lời các câu hỏi về viện trợ nước ngoài ...\nHãy thử một trong các câu hỏi sau:"
VI_EXAMPLES = [
    "Quảng Nam nhận được bao nhiêu viện trợ phi chính phủ nước ngoài từ năm 2019?",  # 99 bytes
    "Sơn La có bao nhiêu tổ chức phi chính phủ nước ngoài?",
    "So sánh viện trợ cho Việt Nam năm 2022 và năm 2023",
]
LANGUAGE_MENU = [
    {"title": title, "payload": f'/choose_language{{"language":"{code}"}}'}
    for code, title in [("en", "English"), ("vi", "Tiếng Việt"), ("ur", "اردو"), ("hi", "हिन्दी"), ("ms", "Bahasa Melayu")]
]


@pytest.mark.parametrize(
    "command, intent",
    [("/start", "/greet"), ("/help", "/help"), ("/sources", "/ask_source"), ("/language", "/choose_language")],
)
async def test_commands_are_asked_of_the_assistant_as_intents(telegram_api, rasa, config, command, intent):
    user = FakeUser(101, "Lan", "vi")
    rasa.on(intent, Reply([{"text": f"the assistant's answer to {intent}"}, {"custom": {"language": "vi"}}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.command(user, command))
        reply = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)

    assert rasa.requests[0].body == {
        "sender": sender_of(config, user.id),
        "message": intent,
        "metadata": {"language_code": "vi"},
    }
    assert reply.text == f"the assistant's answer to {intent}"
    assert telegram_api.sent_texts(user.id) == [reply.text]  # nothing of the bot's own


async def test_start_shows_the_assistants_example_questions_and_a_press_asks_one(telegram_api, rasa, config):
    user = FakeUser(102, "Minh", "vi")
    rasa.on("/greet", Reply([{"text": VI_GREETING, "buttons": [{"title": q, "payload": q} for q in VI_EXAMPLES]},
                             {"custom": {"language": "vi"}}]))
    rasa.on(VI_EXAMPLES[0], Reply([{"text": "Quảng Nam: hơn 43 triệu USD"}, {"custom": {"language": "vi"}}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.command(user, "/start"))
        welcome = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
        mark = telegram_api.mark()
        telegram_api.inject(telegram_api.button_press(user, welcome, welcome.keyboard[0][0]["callback_data"]))
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=mark)

    assert welcome.text == VI_GREETING
    assert "parse_mode" not in welcome.params
    assert [row[0]["text"] for row in welcome.keyboard] == VI_EXAMPLES
    assert all(size <= MAX_CALLBACK_BYTES for size in callback_bytes(welcome))
    assert [r.message for r in rasa.requests] == ["/greet", VI_EXAMPLES[0]]
    assert rasa.requests[1].sender == sender_of(config, user.id)
    assert answer.text == "Quảng Nam: hơn 43 triệu USD"
    assert telegram_api.calls_to("answerCallbackQuery")


async def test_unknown_command_asks_the_assistant_for_help(telegram_api, rasa, config):
    user = FakeUser(104, "Sam", "en")
    rasa.on("/help", Reply([{"text": "You can ask me, in English, Vietnamese, Urdu, Hindi or Malay: ..."}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.command(user, "/statistics"))
        reply = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
    assert [r.message for r in rasa.requests] == ["/help"]
    assert reply.text.startswith("You can ask me")


async def test_command_menu_is_published_for_every_language(telegram_api, config):
    async with running_bot(config):
        pass  # startup publishes the menus

    default_menu = telegram_api.command_menu("")
    assert [entry["command"] for entry in default_menu] == [command for command, _ in COMMANDS]
    assert default_menu[0]["description"] == "Welcome and example questions"
    for code in languages.supported():
        menu = telegram_api.command_menu(code)
        assert [entry["description"] for entry in menu] == [
            bot_text(code, description) for _, description in COMMANDS
        ]
    assert telegram_api.command_menu("hi")[2]["description"] == "जवाबों की भाषा चुनें"


# ---------------------------------------------------------------- relaying questions


async def test_question_reaches_rasa_with_chat_sender_and_languages(telegram_api, rasa, config):
    user = FakeUser(105, "Lan", "en-GB")
    rasa.on(
        "How much aid did Quang Nam get in 2023?",
        Reply([{"text": "About US$ 5 million."}, {"text": "Source: provincial report 2023."}]),
    )
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "How much aid did Quang Nam get in 2023?"))
        first, second = await telegram_api.wait_for_calls("sendMessage", 2, chat_id=user.id)

    assert rasa.requests[0].body == {
        "sender": sender_of(config, user.id),
        "message": "How much aid did Quang Nam get in 2023?",
        "metadata": {"language_code": "en-GB"},
    }
    assert [first.text, second.text] == ["About US$ 5 million.", "Source: provincial report 2023."]
    typing = telegram_api.calls_to("sendChatAction", chat_id=user.id, action="typing")
    assert typing and typing[0].at <= first.at


async def test_ten_thousand_characters_arrive_in_order_under_the_limit(telegram_api, rasa, config):
    user = FakeUser(106, "Lan", "en")
    paragraphs = [f"Paragraph {n}: " + " ".join(["funding"] * 70) + "." for n in range(20)]
    long_text = "\n\n".join(paragraphs)
    assert len(long_text) >= 10_000
    rasa.on("briefing", Reply([{"text": long_text}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "briefing"))
        await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
        # The parts are sent one after another; the last one ends with the last paragraph.
        await telegram_api.wait_for_call(
            "sendMessage", chat_id=user.id, where=lambda call: call.text.endswith(paragraphs[-1])
        )

    parts = telegram_api.sent_texts(user.id)
    assert len(parts) == 3
    assert all(len(part) <= 4096 for part in parts)
    assert all(part.startswith("Paragraph") and part.endswith(".") for part in parts)  # cut between paragraphs
    assert "\n\n".join(parts) == long_text


async def test_markup_characters_arrive_unchanged(telegram_api, rasa, config):
    user = FakeUser(107, "Lan", "en")
    tricky = "Aid <b>rose</b> 5% & more: *US$ 3m* for_project_A, 2 < 3 > 1 `code` [link](x)"
    rasa.on("tricky", Reply([{"text": tricky}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "tricky"))
        reply = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
    assert reply.text == tricky
    assert "parse_mode" not in reply.params


@pytest.mark.parametrize(
    "messages, lang",
    [
        ([], "ms"),  # nothing learnt about the conversation: the app language
        ([{"custom": {"language": "hi"}}], "hi"),  # a reply with nothing to show
        ([{"recipient_id": "x", "text": "   "}], "ms"),
    ],
    ids=["empty-list", "language-only", "blank-text"],
)
async def test_an_empty_answer_means_the_assistant_is_unavailable(telegram_api, rasa, config, caplog, messages, lang):
    """Rasa answers [] when the action server is down or an action failed: every intent of
    the assistant has an answer, so saying "no answer to that" would be false."""
    user = FakeUser(108, "Lan", "ms")
    rasa.on("Quang Nam 2023?", Reply(messages))
    with caplog.at_level(logging.WARNING):
        async with running_bot(config):
            telegram_api.inject(telegram_api.message(user, "Quang Nam 2023?"))
            reply = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
            telegram_api.inject(telegram_api.message(user, "again"))
            answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=telegram_api.mark())

    assert reply.text == bot_text(lang, UNAVAILABLE)
    assert reply.text != UNAVAILABLE  # really translated
    assert answer.text == "echo: again"  # and the bot goes on
    assert "Rasa answered nothing to chat 108" in caplog.text


# ---------------------------------------------------------------- buttons and images


LONG_PAYLOADS = [
    '/ask_aid_amount{"place":"Quảng Nam","period":"từ năm 2019","metric":"aid_received"}',
    "کوانگ نام کو 2019 سے اب تک این جی اوز سے کتنی فنڈنگ ملی؟",
    "/choose_language{\"language\":\"hi\"}",
]


async def test_rasa_buttons_become_an_inline_keyboard_and_a_press_asks_rasa(telegram_api, rasa, config):
    user = FakeUser(109, "Lan", "vi")
    buttons = [
        {"title": "Quảng Nam (tỉnh cũ)", "payload": LONG_PAYLOADS[0]},
        {"title": "کوانگ نام", "payload": LONG_PAYLOADS[1]},
        {"title": "हिन्दी", "payload": LONG_PAYLOADS[2]},
    ]
    rasa.on("Quảng Nam?", Reply([{"text": "Bạn muốn hỏi tỉnh nào?", "buttons": buttons}]))
    rasa.on(LONG_PAYLOADS[0], Reply([{"text": "Khoảng 12 triệu USD."}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "Quảng Nam?"))
        question = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)

        assert [row[0]["text"] for row in question.keyboard] == [b["title"] for b in buttons]
        assert all(size <= MAX_CALLBACK_BYTES for size in callback_bytes(question))

        mark = telegram_api.mark()
        pressed = question.keyboard[0][0]["callback_data"]
        telegram_api.inject(telegram_api.button_press(user, question, pressed))
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=mark)

    press_request = rasa.requests[1]
    assert press_request.message == LONG_PAYLOADS[0]
    assert press_request.sender == sender_of(config, user.id)
    assert press_request.metadata == {"language_code": "vi"}
    assert answer.text == "Khoảng 12 triệu USD."
    answered = telegram_api.calls_to("answerCallbackQuery")
    assert len(answered) == 1 and answered[0].at <= answer.at


async def test_button_pressed_after_a_restart_still_works(telegram_api, rasa, config):
    """Long payloads live in persisted bot_data: yesterday's buttons keep working."""
    user = FakeUser(110, "Lan", "ur")
    rasa.on("menu", Reply([{"text": "?", "buttons": [{"title": "کوانگ نام", "payload": LONG_PAYLOADS[1]}]}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "menu"))
        menu = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)

    async with running_bot(config):
        mark = telegram_api.mark()
        telegram_api.inject(telegram_api.button_press(user, menu, menu.keyboard[0][0]["callback_data"]))
        await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=mark)
    assert rasa.requests[-1].message == LONG_PAYLOADS[1]


async def test_expired_button_asks_politely_to_ask_again(telegram_api, rasa, config):
    user = FakeUser(111, "Lan", "hi")
    async with running_bot(config):
        old_menu = telegram_api.bot_message(user.id, "old menu")
        telegram_api.inject(telegram_api.button_press(user, old_menu, "ref:forgotten-id"))
        reply = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
    assert reply.text == "यह बटन अब मान्य नहीं है, कृपया फिर से पूछें।"
    assert telegram_api.calls_to("answerCallbackQuery")
    assert rasa.requests == []


async def test_image_is_sent_as_photo_in_order(telegram_api, rasa, config):
    user = FakeUser(112, "Lan", "en")
    chart = "https://example.org/charts/quang-nam.png"
    rasa.on("chart", Reply([{"text": "Aid to Quang Nam by year:"}, {"image": chart}, {"text": "Done."}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "chart"))
        await telegram_api.wait_for_call("sendMessage", chat_id=user.id, text="Done.")

    sent = [c for c in telegram_api.calls if c.method in ("sendMessage", "sendPhoto")]
    assert [(c.method, c.params.get("text") or c.params.get("photo")) for c in sent] == [
        ("sendMessage", "Aid to Quang Nam by year:"),
        ("sendPhoto", chart),
        ("sendMessage", "Done."),
    ]


async def test_image_telegram_cannot_fetch_is_sent_as_link(telegram_api, rasa, config):
    user = FakeUser(113, "Lan", "en")
    chart = "https://example.org/missing.png"
    rasa.on("chart", Reply([{"image": chart}]))
    telegram_api.fail_next("sendPhoto", 400, "Bad Request: wrong file identifier/HTTP URL specified")
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "chart"))
        link = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
    assert link.text == chart


# ---------------------------------------------------------------- languages: the assistant's


async def test_language_menu_and_choice_are_the_assistants(telegram_api, rasa, config):
    """/language shows the assistant's menu; a press tells the assistant (which keeps the
    choice in its tracker); the bot keeps no choice, only follows the assistant's replies."""
    user = FakeUser(114, "Lan", "en")
    urdu_payload = LANGUAGE_MENU[2]["payload"]
    rasa.on("/choose_language", Reply([{"text": "Which language should I answer in?", "buttons": LANGUAGE_MENU},
                                       {"custom": {"language": "en"}}]))
    rasa.on(urdu_payload, Reply([{"text": "اب سے میں اردو میں جواب دوں گا۔"},
                                 {"custom": {"set_language": "ur"}}, {"custom": {"language": "ur"}}]))
    rasa.on("Quang Nam 2023", HttpError(500))
    async with running_bot(config):
        telegram_api.inject(telegram_api.command(user, "/language"))
        menu = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
        assert [row[0]["text"] for row in menu.keyboard] == [b["title"] for b in LANGUAGE_MENU]

        mark = telegram_api.mark()
        urdu = next(row[0]["callback_data"] for row in menu.keyboard if row[0]["text"] == "اردو")
        telegram_api.inject(telegram_api.button_press(user, menu, urdu))
        confirmation = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=mark)
        # This chat's command menu now follows the choice.
        chat_scope = {"type": "chat", "chat_id": user.id}
        await telegram_api.wait_for_call("setMyCommands", scope=chat_scope)

        mark = telegram_api.mark()
        telegram_api.inject(telegram_api.message(user, "Quang Nam 2023"))
        apology = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=mark)

    assert [r.message for r in rasa.requests] == ["/choose_language", urdu_payload, "Quang Nam 2023"]
    # The choice travels only as the assistant's own payload; the bot sends no language of its own.
    assert all(r.metadata == {"language_code": "en"} for r in rasa.requests)
    assert confirmation.text == "اب سے میں اردو میں جواب دوں گا۔"
    assert telegram_api.command_menu(scope=chat_scope)[0]["description"] == bot_text(
        "ur", "Welcome and example questions"
    )
    assert apology.text == bot_text("ur", UNAVAILABLE)  # the bot's own text follows the assistant
    # Nothing about the user is kept on disk: the state file holds button payloads only.
    with open(config.state_file, "rb") as f:
        state = pickle.load(f)
    assert not state.get("user_data") and not state.get("chat_data")


async def test_languages_kept_by_an_earlier_version_are_dropped_from_the_state_file(telegram_api, rasa, config):
    """The previous bot kept chosen languages in user_data; its long button payloads stay valid."""
    user = FakeUser(118, "Lan", "en")
    payload = "کوانگ نام کو 2019 سے اب تک این جی اوز سے کتنی فنڈنگ ملی؟"
    old = PicklePersistence(config.state_file)
    old.set_bot(ExtBot(config.token))
    await old.update_user_data(user.id, {"chosen_language": "ur"})
    await old.update_user_data(119, {})
    await old.update_bot_data({"button_payloads": OrderedDict([("abcDEF123", payload)])})
    await old.flush()

    async with running_bot(config):
        old_menu = telegram_api.bot_message(user.id, "old menu")
        telegram_api.inject(telegram_api.button_press(user, old_menu, "ref:abcDEF123"))
        await telegram_api.wait_for_call("sendMessage", chat_id=user.id)

    assert rasa.requests[0].message == payload
    with open(config.state_file, "rb") as f:
        state = pickle.load(f)
    assert state["user_data"] == {}
    assert state["bot_data"]["button_payloads"]["abcDEF123"] == payload


async def test_the_bots_texts_follow_the_language_of_the_assistants_latest_reply(telegram_api, rasa, config):
    user = FakeUser(117, "Lan", "en")  # an English app, but the conversation is in Vietnamese
    rasa.on("Sơn La có bao nhiêu NGO?", Reply([{"text": "Sơn La: 31"}, {"custom": {"language": "vi"}}]))
    rasa.on("Ainda?", HttpError(502))
    rasa.on("कितने एनजीओ?", Reply([{"text": "सोन ला: 31"}, {"custom": {"language": "hi"}}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "Ainda?"))
        first = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)  # nothing learnt yet

        telegram_api.inject(telegram_api.message(user, "Sơn La có bao nhiêu NGO?"))
        telegram_api.inject(telegram_api.message(user, "Ainda?"))
        await telegram_api.wait_for_calls("sendMessage", 3, chat_id=user.id)

        telegram_api.inject(telegram_api.message(user, "कितने एनजीओ?"))
        telegram_api.inject(telegram_api.sticker(user))
        old_menu = telegram_api.bot_message(user.id, "old menu")
        telegram_api.inject(telegram_api.button_press(user, old_menu, "ref:forgotten-id"))
        await telegram_api.wait_for_calls("sendMessage", 6, chat_id=user.id)

    texts = telegram_api.sent_texts(user.id)
    assert texts[0] == first.text == bot_text("en", UNAVAILABLE)  # the app language, English
    assert texts[1:3] == ["Sơn La: 31", bot_text("vi", UNAVAILABLE)]
    assert texts[3:] == [
        "सोन ला: 31",
        bot_text("hi", "I can only read text questions. Please type your question."),
        bot_text("hi", "This button has expired, please ask again."),
    ]
    assert len({texts[0], texts[2], texts[4], texts[5]}) == 4  # really four different texts
    assert not telegram_api.calls_to("setMyCommands", scope={"type": "chat", "chat_id": user.id})


# ---------------------------------------------------------------- groups and media


async def test_group_answers_mentions_replies_and_commands_only(telegram_api, rasa, config):
    group = FakeGroup(-100500)
    member = FakeUser(115, "Hoa", "vi")
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(member, "meeting at 3pm, everyone", chat=group))
        telegram_api.inject(telegram_api.sticker(member, chat=group))
        telegram_api.inject(telegram_api.mention(member, "Quảng Nam 2023?", chat=group))
        await telegram_api.wait_for_call("sendMessage", chat_id=group.id, text="echo: Quảng Nam 2023?")

        bot_answer = telegram_api.bot_message(group.id, "echo: Quảng Nam 2023?")
        telegram_api.inject(telegram_api.message(member, "và Sơn La?", chat=group, reply_to=bot_answer))
        await telegram_api.wait_for_call("sendMessage", chat_id=group.id, text="echo: và Sơn La?")

        telegram_api.inject(telegram_api.command(member, f"/help@{telegram_api.bot_username}", chat=group))
        help_reply = await telegram_api.wait_for_call("sendMessage", chat_id=group.id, text="echo: /help")

    assert [r.message for r in rasa.requests] == ["Quảng Nam 2023?", "và Sơn La?", "/help"]
    assert {r.sender for r in rasa.requests} == {sender_of(config, group.id)}  # one conversation per chat
    assert help_reply.params["chat_id"] == group.id
    assert len(telegram_api.calls_to("sendMessage", chat_id=group.id)) == 3  # nothing for chatter or sticker


@pytest.mark.parametrize("kind", ["sticker", "voice", "location"])
async def test_non_text_gets_a_short_note(telegram_api, rasa, config, kind):
    user = FakeUser(116, "Lan", "ms")
    async with running_bot(config):
        telegram_api.inject(getattr(telegram_api, kind)(user))
        note = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
    assert note.text == "Saya hanya boleh membaca soalan bertulis. Sila taip soalan anda."
    assert rasa.requests == []



async def test_language_chosen_in_the_conversation_switches_the_menu_and_the_bots_texts(
    telegram_api, rasa, config
):
    """The assistant answers "answer in Hindi" with {"custom": {"set_language": "hi"}}."""
    user = FakeUser(131, "Lan", "en")
    rasa.on("answer in Hindi", Reply([{"text": "अब से मैं हिन्दी में जवाब दूँगा।"},
                                      {"custom": {"set_language": "hi"}}]))
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "answer in Hindi"))
        await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
        chat_scope = {"type": "chat", "chat_id": user.id}
        await telegram_api.wait_for_call("setMyCommands", scope=chat_scope)
        mark = telegram_api.mark()
        telegram_api.inject(telegram_api.voice(user))
        note = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=mark)
        telegram_api.inject(telegram_api.message(user, "Quang Nam 2023"))
        request = await rasa.wait_for_request(after=1)

    assert telegram_api.command_menu(scope=chat_scope)[2]["description"] == "जवाबों की भाषा चुनें"
    assert note.text == bot_text("hi", "I can only read text questions. Please type your question.")
    assert request.metadata == {"language_code": "en"}


async def test_a_choice_in_a_group_leaves_the_command_menus_alone(telegram_api, rasa, config):
    group, member = FakeGroup(-100600), FakeUser(132, "Hoa", "vi")
    rasa.on("answer in Urdu", Reply([{"text": "اب سے میں اردو میں جواب دوں گا۔"},
                                     {"custom": {"set_language": "ur"}}]))
    rasa.on("Quang Nam?", HttpError(500))
    async with running_bot(config):
        telegram_api.inject(telegram_api.mention(member, "answer in Urdu", chat=group))
        await telegram_api.wait_for_call("sendMessage", chat_id=group.id)
        telegram_api.inject(telegram_api.mention(member, "Quang Nam?", chat=group))
        apology = await telegram_api.wait_for_call("sendMessage", chat_id=group.id, after=telegram_api.mark())

    assert apology.text == bot_text("ur", UNAVAILABLE)  # the group's conversation is in Urdu now
    assert [c for c in telegram_api.calls_to("setMyCommands") if c.params.get("scope")] == []
