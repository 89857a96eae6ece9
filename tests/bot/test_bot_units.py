"""The bot's small pure parts: config, splitting, callback ids, Rasa's reply format, redaction."""

import asyncio
import hashlib
import hmac
import logging
from collections import OrderedDict
from pathlib import Path

import pytest
from telegram import Update

from bot.callback_store import MAX_CALLBACK_BYTES, CallbackStore
from bot.config import BotConfig, ConfigError
from bot.language import AssistantLanguage, ChatLanguages
from bot.log_redaction import REDACTED, redact_secret, redact_secrets
from bot.ordering import PerChatUpdateProcessor
from bot.rasa_client import RasaButton, RasaUnavailable, UserMessage, parse_messages
from bot.replies import split_text
from bot.sender_id import SenderIds, sender_id

TOKEN = "123456789:AAH-unit-test-secret-token"
SENDER_SECRET = "unit-test-sender-id-secret-5f2c9a7e41d3"
BASE_ENV = {"TELEGRAM_BOT_TOKEN": TOKEN, "SENDER_ID_SECRET": SENDER_SECRET}


# ---------------------------------------------------------------- config


def test_config_reads_environment():
    config = BotConfig.from_env(
        {
            **BASE_ENV,
            "RASA_URL": "http://rasa:5005",
            "TELEGRAM_API_BASE_URL": "http://127.0.0.1:8081/bot",
            "ALLOWED_USER_IDS": "101, 202,,303",
            "BOT_STATE_FILE": "/tmp/state.pickle",
        }
    )
    assert config.rasa_url == "http://rasa:5005"
    assert config.api_base_url == "http://127.0.0.1:8081/bot"
    assert config.api_file_url == "http://127.0.0.1:8081/file/bot"
    assert config.allowed_user_ids == {101, 202, 303}
    assert config.state_file == Path("/tmp/state.pickle")
    assert config.webhook is None


def test_config_defaults_are_public_polling_against_telegram():
    config = BotConfig.from_env(BASE_ENV)
    assert config.rasa_url == "http://localhost:5005"
    assert config.api_base_url == "https://api.telegram.org/bot"
    assert config.api_file_url == "https://api.telegram.org/file/bot"
    assert config.is_public
    assert config.rasa_timeout == 8.0
    assert config.state_file == Path("var/bot-state.pickle")


def test_missing_token_is_a_clear_error():
    with pytest.raises(ConfigError, match="TELEGRAM_BOT_TOKEN is not set"):
        BotConfig.from_env({"RASA_URL": "http://localhost:5005"})


@pytest.mark.parametrize("value", [None, "", "   "])
def test_missing_sender_id_secret_is_a_clear_error(value):
    env = {"TELEGRAM_BOT_TOKEN": TOKEN}
    if value is not None:
        env["SENDER_ID_SECRET"] = value
    with pytest.raises(ConfigError, match="SENDER_ID_SECRET is not set") as raised:
        BotConfig.from_env(env)
    assert "secrets.token_hex" in str(raised.value)  # says how to make one


def test_short_sender_id_secret_is_refused():
    with pytest.raises(ConfigError, match="SENDER_ID_SECRET is too short"):
        BotConfig.from_env({"TELEGRAM_BOT_TOKEN": TOKEN, "SENDER_ID_SECRET": "letmein"})


def test_webhook_mode_always_has_a_secret_token():
    webhook_env = {**BASE_ENV, "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook"}
    given = BotConfig.from_env({**webhook_env, "TELEGRAM_WEBHOOK_SECRET": "given_Secret-1"}).webhook
    assert given.secret == "given_Secret-1" and not given.secret_generated

    first, second = (BotConfig.from_env(webhook_env).webhook for _ in range(2))
    assert first.secret_generated and second.secret_generated
    assert first.secret != second.secret  # a fresh one each start
    for generated in (first.secret, second.secret):
        assert len(generated) >= 40
        assert set(generated) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


@pytest.mark.parametrize("secret", ["has space", "colon:inside", "é-accent", "x" * 257])
def test_webhook_secret_telegram_would_refuse_is_a_config_error(secret):
    with pytest.raises(ConfigError, match="TELEGRAM_WEBHOOK_SECRET must be"):
        BotConfig.from_env(
            {**BASE_ENV, "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook", "TELEGRAM_WEBHOOK_SECRET": secret}
        )


def test_polling_mode_has_no_webhook_secret():
    assert BotConfig.from_env({**BASE_ENV, "TELEGRAM_WEBHOOK_SECRET": "unused"}).webhook is None


def test_bad_allowed_user_ids_are_rejected():
    with pytest.raises(ConfigError, match="ALLOWED_USER_IDS"):
        BotConfig.from_env({**BASE_ENV, "ALLOWED_USER_IDS": "101,@lan"})


def test_config_repr_hides_token_and_secrets():
    config = BotConfig.from_env(
        {
            **BASE_ENV,
            "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/telegram/hook",
            "TELEGRAM_WEBHOOK_SECRET": "webhook-secret-value",
            "TELEGRAM_WEBHOOK_PORT": "8443",
        }
    )
    assert TOKEN not in repr(config)
    assert SENDER_SECRET not in repr(config)
    assert "webhook-secret-value" not in repr(config)
    assert config.webhook.path == "telegram/hook"
    assert config.webhook.port == 8443


# ---------------------------------------------------------------- sender ids


def test_sender_id_is_stable_for_a_chat():
    assert sender_id(SENDER_SECRET, 123456789) == sender_id(SENDER_SECRET, 123456789)
    senders = SenderIds(SENDER_SECRET)
    assert senders(123456789) == sender_id(SENDER_SECRET, 123456789)


def test_sender_id_differs_across_chats_and_secrets():
    chats = [1, 2, 123456789, 123456790, -100123, -1001234567890]
    ids = {sender_id(SENDER_SECRET, chat) for chat in chats}
    assert len(ids) == len(chats)
    other_secret = SENDER_SECRET[::-1]
    assert all(sender_id(SENDER_SECRET, chat) != sender_id(other_secret, chat) for chat in chats)


@pytest.mark.parametrize("chat_id", [123456789, 5012345678, -100123456, -1001234567890])  # long enough not to occur by chance
def test_sender_id_does_not_show_the_chat_id(chat_id):
    sender = sender_id(SENDER_SECRET, chat_id)
    assert sender != f"tg-{chat_id}"
    assert str(abs(chat_id)) not in sender
    assert sender.startswith("tg-") and len(sender) == len("tg-") + 32
    assert all(c in "0123456789abcdef" for c in sender[3:])


def test_sender_id_is_the_keyed_hash_of_the_chat_id():
    expected = hmac.new(SENDER_SECRET.encode(), b"-100123", hashlib.sha256).hexdigest()[:32]
    assert sender_id(SENDER_SECRET, -100123) == "tg-" + expected
    assert SENDER_SECRET not in repr(SenderIds(SENDER_SECRET))


# ---------------------------------------------------------------- splitting


def test_short_text_is_one_message():
    assert split_text("Quảng Nam received about US$ 12 million.") == [
        "Quảng Nam received about US$ 12 million."
    ]


def test_split_prefers_paragraphs_then_lines_then_words():
    paragraphs = "\n\n".join(["a" * 30] * 3)
    assert split_text(paragraphs, limit=70) == ["a" * 30 + "\n\n" + "a" * 30, "a" * 30]

    lines = "\n".join(["b" * 30] * 3)
    assert split_text(lines, limit=70) == ["b" * 30 + "\n" + "b" * 30, "b" * 30]

    words = " ".join(["word"] * 20)  # 99 characters
    chunks = split_text(words, limit=40)
    assert all(len(chunk) <= 40 for chunk in chunks)
    assert all(set(chunk.split(" ")) == {"word"} for chunk in chunks)  # no word was cut
    assert " ".join(chunks) == words


def test_split_cuts_an_unbroken_run_at_the_limit():
    assert split_text("x" * 100, limit=40) == ["x" * 40, "x" * 40, "x" * 20]


def test_split_counts_utf16_units_like_telegram():
    # Each emoji is one Python character but two UTF-16 units in Telegram's count.
    chunks = split_text("😀" * 30, limit=40)
    assert chunks == ["😀" * 20, "😀" * 10]


# ---------------------------------------------------------------- callback ids


def test_short_payload_travels_in_the_button():
    store = CallbackStore(OrderedDict())
    data = store.callback_data("/greet")
    assert data == "say:/greet"
    assert store.payload(data) == "/greet"
    assert len(store) == 0


@pytest.mark.parametrize(
    "payload",
    [
        '/ask_aid_amount{"place":"Quảng Nam","period":"từ năm 2019"}',
        "کوانگ نام کو 2019 سے اب تک این جی اوز سے کتنی فنڈنگ ملی؟",
        "क्वांग नाम को 2019 से एनजीओ से कितनी धनराशि मिली?",
    ],
)
def test_long_payload_gets_a_short_id(payload):
    store = CallbackStore(OrderedDict())
    data = store.callback_data(payload)
    assert len(data.encode("utf-8")) <= MAX_CALLBACK_BYTES
    assert store.payload(data) == payload
    assert store.callback_data(payload) == data  # same payload, same id, one entry
    assert len(store) == 1


def test_store_forgets_least_recently_used_payloads():
    store = CallbackStore(OrderedDict(), capacity=2)
    first, second = (store.callback_data(f"/ask{{\"place\":\"{'x' * 60}{n}\"}}") for n in (1, 2))
    assert store.payload(first)  # using the first makes the second the oldest
    third = store.callback_data(f"/ask{{\"place\":\"{'x' * 60}3\"}}")
    assert store.payload(second) is None
    assert store.payload(first) and store.payload(third)
    assert store.payload("ref:unknown") is None
    assert store.payload("not ours") is None


# ---------------------------------------------------------------- Rasa's format


def test_user_message_json_follows_the_contract():
    message = UserMessage(sender="tg-0123abcd", text="và Cần Thơ?", language_code="vi")
    assert message.to_json() == {
        "sender": "tg-0123abcd",
        "message": "và Cần Thơ?",
        "metadata": {"language_code": "vi"},
    }


def test_parse_messages_reads_text_buttons_image():
    messages = parse_messages(
        [
            {"recipient_id": "tg-1", "text": "Pick one", "buttons": [{"title": "Yes", "payload": "/affirm"}]},
            {"recipient_id": "tg-1", "image": "https://example.org/chart.png"},
            {"recipient_id": "tg-1", "custom": {"kind": "internal"}},
        ]
    )
    assert messages[0].text == "Pick one"
    assert messages[0].buttons == (RasaButton("Yes", "/affirm"),)
    assert messages[1].image == "https://example.org/chart.png"
    assert messages[2].is_empty


@pytest.mark.parametrize("body", [{"error": "x"}, "text", [1, 2], None])
def test_unexpected_rasa_bodies_mean_unavailable(body):
    with pytest.raises(RasaUnavailable):
        parse_messages(body)


# ---------------------------------------------------------------- redaction


def test_redaction_covers_messages_arguments_and_tracebacks(caplog):
    redact_secret(TOKEN)
    logger = logging.getLogger("some.library")
    with caplog.at_level(logging.DEBUG):
        logger.info("HTTP Request: POST https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise RuntimeError(f"The token `{TOKEN}` was rejected by the server.")
        except RuntimeError:
            logger.exception("startup failed")
    assert TOKEN not in caplog.text
    assert caplog.text.count(REDACTED) == 2


def test_every_secret_of_the_config_is_redacted(caplog):
    config = BotConfig.from_env(
        {**BASE_ENV, "TELEGRAM_WEBHOOK_URL": "https://bot.example.org/hook",
         "TELEGRAM_WEBHOOK_SECRET": "unit-test-webhook-secret-7d1e"}
    )
    redact_secrets(config.secrets())
    logger = logging.getLogger("some.library")
    with caplog.at_level(logging.DEBUG):
        logger.debug("setWebhook secret_token=%s", "unit-test-webhook-secret-7d1e")
        logger.warning("keyed with %s for %s", SENDER_SECRET, TOKEN)
    assert "unit-test-webhook-secret-7d1e" not in caplog.text
    assert SENDER_SECRET not in caplog.text and TOKEN not in caplog.text
    assert "<redacted-webhook-secret>" in caplog.text
    assert "<redacted-sender-id-secret>" in caplog.text


# ---------------------------------------------------------------- ordering


def _chat_update(update_id: int, chat_id: int) -> Update:
    return Update.de_json(
        {
            "update_id": update_id,
            "message": {
                "message_id": update_id,
                "date": 0,
                "chat": {"id": chat_id, "type": "private"},
                "text": "hi",
            },
        },
        None,
    )


@pytest.mark.asyncio
async def test_waiting_for_a_chats_turn_takes_no_work_slot():
    """Two work slots. Chat A's first update is being handled; A's second waits for its turn.
    Chat B must get the free slot: the waiting update of A does not hold it."""
    processor = PerChatUpdateProcessor(max_working_updates=2)
    done: list[str] = []
    release_a1 = asyncio.Event()

    async def handle(name: str, until: asyncio.Event | None = None) -> None:
        if until is not None:
            await until.wait()
        done.append(name)

    async with processor:
        a1 = asyncio.create_task(processor.process_update(_chat_update(1, 7), handle("a1", release_a1)))
        a2 = asyncio.create_task(processor.process_update(_chat_update(2, 7), handle("a2")))
        b1 = asyncio.create_task(processor.process_update(_chat_update(3, 8), handle("b1")))
        await asyncio.wait_for(b1, 5)
        assert done == ["b1"]  # A's second update is still waiting for A's first
        assert not a2.done()
        release_a1.set()
        await asyncio.wait_for(asyncio.gather(a1, a2), 5)
    assert done == ["b1", "a1", "a2"]


@pytest.mark.asyncio
async def test_work_slots_bound_the_updates_handled_at_once():
    processor = PerChatUpdateProcessor(max_working_updates=2)
    release = asyncio.Event()
    started: list[int] = []

    async def handle(chat_id: int) -> None:
        started.append(chat_id)
        await release.wait()

    async with processor:
        tasks = [
            asyncio.create_task(processor.process_update(_chat_update(n, 100 + n), handle(100 + n)))
            for n in range(3)
        ]
        for _ in range(20):  # let every task run as far as it can
            await asyncio.sleep(0)
        assert started == [100, 101]  # the third chat waits for a slot
        release.set()
        await asyncio.wait_for(asyncio.gather(*tasks), 5)
    assert started == [100, 101, 102]


# ---------------------------------------------------------------- the assistant's language


def test_a_language_choice_wins_over_the_stated_reply_language():
    assert AssistantLanguage.of([{"language": "en"}, {"set_language": "ur"}]) == AssistantLanguage("ur", "ur")
    assert AssistantLanguage.of([{"set_language": "ur"}, {"language": "en"}]) == AssistantLanguage("ur", "ur")
    assert AssistantLanguage.of([None, {"language": "vi"}]) == AssistantLanguage("vi", None)
    assert AssistantLanguage.of([{"language": "vi"}, {"language": "hi-IN"}]) == AssistantLanguage("hi", None)


@pytest.mark.parametrize(
    "customs",
    [[], [None], ["vi"], [{"language": "fr"}], [{"language": 5}], [{"set_language": ["ur"]}], [{"kind": "x"}]],
)
def test_anything_else_says_nothing_about_the_language(customs):
    assert AssistantLanguage.of(customs) == AssistantLanguage(None, None)


def test_chat_languages_are_bounded_and_forget_the_least_recently_answered_chat():
    chats = ChatLanguages(capacity=2)
    chats.learn(1, "vi")
    chats.learn(2, "ur")
    chats.learn(1, "hi")  # chat 1 answered again: chat 2 is now the oldest
    chats.learn(3, "ms")
    assert len(chats) == 2
    assert (chats.latest(1), chats.latest(2), chats.latest(3)) == ("hi", None, "ms")


def test_chat_language_falls_back_to_the_app_language_then_the_default():
    def update(chat_id: int, language_code: str | None) -> Update:
        user = {"id": chat_id, "is_bot": False, "first_name": "Lan"}
        if language_code:
            user["language_code"] = language_code
        message = {"message_id": 1, "date": 0, "chat": {"id": chat_id, "type": "private"}, "from": user, "text": "x"}
        return Update.de_json({"update_id": 1, "message": message}, None)

    chats = ChatLanguages()
    chats.learn(10, "ur")
    assert chats.for_update(update(10, "vi")) == "ur"  # the assistant's latest reply
    assert chats.for_update(update(11, "vi-VN")) == "vi"  # the app language
    assert chats.for_update(update(12, "fr")) == "en"  # the default
    assert chats.for_update(update(13, None)) == "en"
    assert chats.translator(update(10, "vi")).lang == "ur"
