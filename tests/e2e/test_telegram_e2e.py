"""The whole chain: Telegram (loopback stand-in) → bot → Rasa REST → action server → database."""
import asyncio

import pytest

from i18n import catalog
from tests.support.bot_runner import bot_config, running_bot
from tests.support.telegram_api import FakeUser, TelegramApiStandIn

SOURCES_HEADING = "My figures come from these published news articles:"   # the catalog's msgid

pytestmark = pytest.mark.asyncio


@pytest.mark.parametrize("language_code,question,expected", [
    ("ur", "کوانگ نام کو کتنی امداد ملی؟",
     ["کوانگ نام", "43 ملین امریکی ڈالر سے زیادہ", "1,000 ارب ویتنامی ڈونگ سے زیادہ", "baoquangnam.vn"]),
    ("hi", "सोन ला में कितने एनजीओ हैं?", ["सोन ला", "31", "12 अप्रैल 2024"]),
    ("en", "how much NGO funding did Quang Nam get since 2019?", ["more than US$43 million", "31 October 2024"]),
    ("vi", "Sơn La có bao nhiêu tổ chức phi chính phủ?", ["Sơn La", "31", "ngày 12 tháng 4 năm 2024"]),
    ("ms", "Berapa banyak NGO di Son La?", ["Son La", "31", "12 April 2024"]),
])
async def test_question_through_telegram_gets_the_figures_in_its_language(
        assistant, tmp_path, language_code, question, expected):
    async with TelegramApiStandIn() as api:
        user = FakeUser(900 + sum(map(ord, language_code)), "Lan", language_code)
        async with running_bot(bot_config(api, assistant.rasa_url, tmp_path)):
            api.inject(api.message(user, question))
            reply = await api.wait_for_call("sendMessage", chat_id=user.id, timeout=30)
    for text in expected:
        assert text in reply.text, reply.text


async def test_language_chosen_in_conversation_switches_the_bot(assistant, tmp_path):
    async with TelegramApiStandIn() as api:
        user = FakeUser(950, "Lan", "en")
        async with running_bot(bot_config(api, assistant.rasa_url, tmp_path)):
            api.inject(api.message(user, "please answer in Vietnamese"))
            confirmation = await api.wait_for_call("sendMessage", chat_id=user.id, timeout=30)
            mark = api.mark()
            api.inject(api.message(user, "how many NGOs are in Son La?"))
            answer = await api.wait_for_call("sendMessage", chat_id=user.id, after=mark, timeout=30)
    assert "Tiếng Việt" in confirmation.text
    assert "Sơn La" in answer.text and "ngày 12 tháng 4 năm 2024" in answer.text


async def test_rasas_rest_port_cannot_speak_as_a_telegram_user(assistant, tmp_path):
    """Someone who reaches Rasa's REST port and knows a user's chat id cannot read that
    user's conversation: the bot's sender id for the chat is not "tg-<chat id>"."""
    async with TelegramApiStandIn() as api:
        user = FakeUser(960, "Lan", "en")
        async with running_bot(bot_config(api, assistant.rasa_url, tmp_path)):
            api.inject(api.message(user, "how much NGO funding did Quang Nam get since 2019?"))
            answer = await api.wait_for_call("sendMessage", chat_id=user.id, timeout=30)

            forged = await asyncio.to_thread(assistant.text, f"tg-{user.id}", "where is this from?")

            # The user, through the bot, does get the sources of their answer.
            mark = api.mark()
            api.inject(api.message(user, "where is this from?"))
            own = await api.wait_for_call("sendMessage", chat_id=user.id, after=mark, timeout=30)

    assert "more than US$43 million" in answer.text
    assert own.text.startswith("The figures in my last answer come from:")
    assert "more than 43 million USD" in own.text  # the quote from the article

    assert forged.startswith(SOURCES_HEADING)  # the generic list
    assert "last answer" not in forged
    assert "43 million" not in forged and "US$43" not in forged


async def test_commands_get_the_assistants_own_answers(assistant, tmp_path):
    """/start, /sources and /language are answered by the assistant, in the conversation's
    language; a language chosen from its menu holds for the following questions."""
    async with TelegramApiStandIn() as api:
        user = FakeUser(970, "Minh", "vi")
        async with running_bot(bot_config(api, assistant.rasa_url, tmp_path)):
            api.inject(api.command(user, "/sources"))  # before any answer: the list of sources
            sources = await api.wait_for_call("sendMessage", chat_id=user.id, timeout=30)

            mark = api.mark()
            api.inject(api.command(user, "/start"))
            greeting = await api.wait_for_call("sendMessage", chat_id=user.id, after=mark, timeout=30)
            mark = api.mark()
            api.inject(api.button_press(user, greeting, greeting.keyboard[0][0]["callback_data"]))
            example_answer = await api.wait_for_call("sendMessage", chat_id=user.id, after=mark, timeout=30)

            mark = api.mark()
            api.inject(api.command(user, "/language"))
            menu = await api.wait_for_call("sendMessage", chat_id=user.id, after=mark, timeout=30)
            urdu = next(row[0]["callback_data"] for row in menu.keyboard if row[0]["text"] == "اردو")
            mark = api.mark()
            api.inject(api.button_press(user, menu, urdu))
            confirmation = await api.wait_for_call("sendMessage", chat_id=user.id, after=mark, timeout=30)
            chat_scope = {"type": "chat", "chat_id": user.id}
            await api.wait_for_call("setMyCommands", scope=chat_scope, timeout=30)

            mark = api.mark()
            api.inject(api.message(user, "Sơn La có bao nhiêu tổ chức phi chính phủ?"))  # asked in Vietnamese
            answer = await api.wait_for_call("sendMessage", chat_id=user.id, after=mark, timeout=30)

    assert greeting.text.startswith("Xin chào!")
    assert len(greeting.keyboard) == 3
    assert "Quảng Nam" in example_answer.text and "43" in example_answer.text
    assert sources.text.startswith(catalog.translator("vi").gettext(SOURCES_HEADING))
    assert "baoquangnam.vn" in sources.text and "sonla.gov.vn" in sources.text
    assert [row[0]["text"] for row in menu.keyboard] == ["English", "Tiếng Việt", "اردو", "हिन्दी", "Bahasa Melayu"]
    assert confirmation.text == "اب سے میں اردو میں جواب دوں گا۔"
    assert api.command_menu(scope=chat_scope)[0]["description"] != "Welcome and example questions"
    assert "سون لا" in answer.text and "31" in answer.text  # answered in the chosen Urdu


async def test_action_server_down_the_user_hears_the_assistant_is_unavailable(assistant_without_actions, tmp_path):
    """Rasa itself is up but cannot run its actions: its REST reply is an empty list."""
    question = "Sơn La có bao nhiêu tổ chức phi chính phủ?"
    raw = await asyncio.to_thread(assistant_without_actions.ask, "e2e-no-actions", question)
    async with TelegramApiStandIn() as api:
        user = FakeUser(980, "Lan", "vi")
        async with running_bot(bot_config(api, assistant_without_actions.rasa_url, tmp_path)):
            api.inject(api.message(user, question))
            reply = await api.wait_for_call("sendMessage", chat_id=user.id, timeout=30)
    assert raw == []
    assert reply.text == "Trợ lý tạm thời không hoạt động, vui lòng thử lại sau ít phút."
