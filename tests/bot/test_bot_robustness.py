"""Rasa failing, users waiting on each other, errors, secrets in logs, the allow-list."""

import logging
import time
from urllib.parse import urlsplit

import pytest

from bot.log_redaction import REDACTED
from tests.support.bot_runner import bot_config, running_bot, sender_of
from tests.support.fake_rasa import FakeRasa, Held, HttpError, InvalidJson, Reply, Slow, refused_url
from tests.support.telegram_api import FakeGroup, FakeUser

pytestmark = pytest.mark.asyncio

UNAVAILABLE = {
    "en": "The assistant is temporarily unavailable, please try again in a moment.",
    "vi": "Trợ lý tạm thời không hoạt động, vui lòng thử lại sau ít phút.",
    "hi": "सहायक अभी अस्थायी रूप से उपलब्ध नहीं है, कृपया थोड़ी देर बाद फिर से कोशिश करें।",
}


# ---------------------------------------------------------------- Rasa failing


@pytest.mark.parametrize(
    "failure",
    [HttpError(500), HttpError(502, body=""), InvalidJson(), InvalidJson(body='{"error": "unexpected"}')],
    ids=["http-500", "http-502", "not-json", "json-but-not-a-list"],
)
async def test_rasa_error_gives_unavailable_message_and_the_bot_goes_on(telegram_api, rasa, config, failure):
    user = FakeUser(201, "Minh", "vi")
    rasa.on("first", failure)
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "first"))
        apology = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
        telegram_api.inject(telegram_api.message(user, "second"))
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=telegram_api.mark())

    assert apology.text == UNAVAILABLE["vi"]
    assert answer.text == "echo: second"


async def test_slow_rasa_gives_unavailable_message_within_ten_seconds(telegram_api, rasa, config):
    """With the default 8 s timeout (the real setting), not a shortened one."""
    assert config.rasa_timeout == 8.0
    user = FakeUser(202, "Priya", "hi")
    rasa.on("slow", Slow(30))
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "slow"))
        asked = time.monotonic()
        apology = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, timeout=15)
        waited = time.monotonic() - asked
        # Typing was shown again while waiting (every ~4 s).
        assert len(telegram_api.calls_to("sendChatAction", chat_id=user.id)) >= 2

        telegram_api.inject(telegram_api.message(user, "fast"))
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=telegram_api.mark())

    assert apology.text == UNAVAILABLE["hi"]
    assert 7.5 <= waited < 10
    assert answer.text == "echo: fast"


async def test_rasa_down_then_up(telegram_api, tmp_path):
    down_url = refused_url()
    config = bot_config(telegram_api, down_url, tmp_path)
    user = FakeUser(203, "Sam", "en")
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "anyone there?"))
        asked = time.monotonic()
        apology = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
        assert time.monotonic() - asked < 10
        assert apology.text == UNAVAILABLE["en"]

        async with FakeRasa(port=urlsplit(down_url).port):  # Rasa comes back
            telegram_api.inject(telegram_api.message(user, "now?"))
            answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=telegram_api.mark())
    assert answer.text == "echo: now?"


# ---------------------------------------------------------------- concurrency and order


async def test_a_slow_answer_for_one_user_does_not_hold_up_another(telegram_api, rasa, config):
    slow_user, quick_user = FakeUser(204, "Slow", "en"), FakeUser(205, "Quick", "en")
    held = Held(then=Reply([{"text": "the slow answer"}]))
    rasa.on("slow question", held)
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(slow_user, "slow question"))
        await rasa.wait_for_request()  # the slow user's question is now pending in Rasa
        telegram_api.inject(telegram_api.message(quick_user, "quick question"))
        quick = await telegram_api.wait_for_call("sendMessage", chat_id=quick_user.id)

        assert quick.text == "echo: quick question"
        assert telegram_api.calls_to("sendMessage", chat_id=slow_user.id) == []  # still waiting
        held.release()
        slow = await telegram_api.wait_for_call("sendMessage", chat_id=slow_user.id)
    assert slow.text == "the slow answer"


async def test_one_chats_messages_reach_rasa_in_order(telegram_api, rasa, config):
    user, other = FakeUser(206, "Lan", "en"), FakeUser(207, "Hoa", "en")
    held = Held(then=Reply([{"text": "Quang Nam: US$ 5 million"}]))
    rasa.on("Quang Nam 2023?", held)
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "Quang Nam 2023?"))
        await rasa.wait_for_request()
        telegram_api.inject(telegram_api.message(user, "and Son La?"))
        telegram_api.inject(telegram_api.message(other, "hello"))
        await telegram_api.wait_for_call("sendMessage", chat_id=other.id)
        # The follow-up waits for the question it follows, while other chats go on.
        assert [r.message for r in rasa.requests] == ["Quang Nam 2023?", "hello"]

        held.release()
        await telegram_api.wait_for_calls("sendMessage", 2, chat_id=user.id)
    assert [r.message for r in rasa.requests] == ["Quang Nam 2023?", "hello", "and Son La?"]
    assert telegram_api.sent_texts(user.id) == ["Quang Nam: US$ 5 million", "echo: and Son La?"]


# ---------------------------------------------------------------- errors and logs


async def test_handler_error_is_logged_and_the_bot_goes_on(telegram_api, rasa, config, caplog):
    user = FakeUser(208, "Lan", "en")
    telegram_api.fail_next("sendMessage", 400, "Bad Request: message to reply not found")
    with caplog.at_level(logging.INFO):
        async with running_bot(config):
            telegram_api.inject(telegram_api.message(user, "first"))
            sorry = await telegram_api.wait_for_call(
                "sendMessage", chat_id=user.id, where=lambda call: call.error is None
            )
            telegram_api.inject(telegram_api.message(user, "second"))
            answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, after=telegram_api.mark())

    assert sorry.text == "Sorry, something went wrong. Please try again."
    assert answer.text == "echo: second"
    errors = [r for r in caplog.records if r.levelno == logging.ERROR and r.name == "bot.handlers"]
    assert errors and "Message to reply not found" in caplog.text  # with its traceback


async def test_token_never_appears_in_logs(telegram_api, rasa, config, caplog):
    user = FakeUser(209, "Lan", "en")
    rasa.on("broken", HttpError(500))
    telegram_api.fail_next("sendChatAction", 400, "Bad Request: chat not found")
    with caplog.at_level(logging.DEBUG):
        async with running_bot(config):
            telegram_api.inject(telegram_api.command(user, "/start"))
            telegram_api.inject(telegram_api.message(user, "broken"))
            telegram_api.inject(telegram_api.message(user, "fine"))
            await telegram_api.wait_for_call("sendMessage", chat_id=user.id, text="echo: fine")

    assert config.token not in caplog.text
    assert all(config.token not in record.getMessage() for record in caplog.records)
    # The test is not vacuous: httpx logged Bot API requests, and PTB its URLs, redacted.
    httpx_lines = [r.getMessage() for r in caplog.records if r.name == "httpx"]
    assert any(f"/bot{REDACTED}/sendMessage" in line for line in httpx_lines)
    assert any("Set Bot API URL" in r.getMessage() and REDACTED in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- allow-list


async def test_allow_list_refuses_strangers_messages_and_button_presses(telegram_api, rasa, tmp_path):
    member, stranger = FakeUser(301, "Official", "vi"), FakeUser(302, "Stranger", "ms")
    config = bot_config(telegram_api, rasa, tmp_path, allowed_user_ids=frozenset({member.id}))
    group = FakeGroup(-100700)
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(stranger, "Quang Nam 2023?"))
        refusal = await telegram_api.wait_for_call("sendMessage", chat_id=stranger.id)

        old_menu = telegram_api.bot_message(stranger.id, "menu")
        telegram_api.inject(telegram_api.button_press(stranger, old_menu, "say:/ask_aid_amount"))
        alert = await telegram_api.wait_for_call("answerCallbackQuery")

        telegram_api.inject(telegram_api.message(stranger, "chatting with colleagues", chat=group))
        telegram_api.inject(telegram_api.mention(stranger, "Quang Nam?", chat=group))
        group_refusal = await telegram_api.wait_for_call("sendMessage", chat_id=group.id)

        telegram_api.inject(telegram_api.message(member, "Quảng Nam 2023?"))
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=member.id)

    expected = "Maaf, pembantu ini hanya untuk pengguna yang diberi kebenaran. Sila hubungi pentadbir jika anda memerlukan akses."
    assert refusal.text == expected
    assert alert.params["text"] == expected and alert.params["show_alert"] is True
    assert group_refusal.text == expected
    assert len(telegram_api.calls_to("sendMessage", chat_id=group.id)) == 1  # chatter got nothing
    assert answer.text == "echo: Quảng Nam 2023?"
    assert [r.sender for r in rasa.requests] == [sender_of(config, member.id)]  # nothing of the stranger's reached Rasa


async def test_public_bot_serves_everyone(telegram_api, rasa, config):
    assert config.is_public
    user = FakeUser(303, "Anyone", "en")
    async with running_bot(config):
        telegram_api.inject(telegram_api.message(user, "hello"))
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id)
    assert answer.text == "echo: hello"



# ---------------------------------------------------------------- floods


async def test_a_flooding_chat_does_not_delay_other_chats(telegram_api, rasa, config):
    """300 messages from one chat at once: waiting for that chat's turn holds no global
    slot, so another chat's question still gets through at once, and the flood is answered
    in order."""
    flooder, other = FakeUser(210, "Flood", "en"), FakeUser(211, "Calm", "en")
    rasa.default = Slow(0.05)  # every answer takes ~50 ms, like a real Rasa turn
    flood = [f"question {n}" for n in range(300)]
    async with running_bot(config):
        for text in flood:
            last = telegram_api.inject(telegram_api.message(flooder, text))
        # The bot has taken the whole flood in before the other chat asks.
        await telegram_api.wait_for_delivery(last)
        asked = time.monotonic()
        telegram_api.inject(telegram_api.message(other, "a question of my own"))
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=other.id)
        waited = time.monotonic() - asked
        pending = 300 - len(telegram_api.calls_to("sendMessage", chat_id=flooder.id))
        await telegram_api.wait_for_calls("sendMessage", 300, chat_id=flooder.id, timeout=120)

    assert answer.text == "echo: a question of my own"
    assert waited < 2.0, f"the other chat waited {waited:.2f} s"
    assert pending > 200  # the flood was still being worked through when the other chat was served
    assert telegram_api.sent_texts(flooder.id) == [f"echo: {text}" for text in flood]
    assert [r.message for r in rasa.requests if r.message in flood] == flood
