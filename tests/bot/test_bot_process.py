"""`python -m bot` as a real process, the way `make bot` runs it."""

import asyncio
import os
import pickle
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from bot.sender_id import sender_id
from tests.support.fake_rasa import Reply, refused_url
from tests.support.telegram_api import DEFAULT_TOKEN, FakeUser, TelegramApiStandIn

REPO = Path(__file__).resolve().parents[2]
SENDER_ID_SECRET = "process-test-sender-id-secret-4b8e2f91c07d"
pytestmark = pytest.mark.asyncio


def bot_env(**settings: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TELEGRAM_", "RASA_", "ALLOWED_USER_IDS", "BOT_STATE_FILE", "SENDER_ID_SECRET"))
    }
    env["PYTHONPATH"] = str(REPO)
    env["SENDER_ID_SECRET"] = SENDER_ID_SECRET
    env.update(settings)
    return env


async def start_bot_process(env: dict[str, str], log_file: Path) -> asyncio.subprocess.Process:
    log = open(log_file, "wb")
    try:
        return await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT
        )
    finally:
        log.close()  # the child has its own copy


async def stop(process: asyncio.subprocess.Process) -> int:
    if process.returncode is None:
        process.send_signal(signal.SIGINT)  # what Ctrl-C in `make bot` sends
    return await asyncio.wait_for(process.wait(), 30)


async def test_python_m_bot_answers_and_keeps_button_payloads(telegram_api, rasa, tmp_path):
    state_file = tmp_path / "state" / "bot-state.pickle"
    log_file = tmp_path / "bot.log"
    env = bot_env(
        TELEGRAM_BOT_TOKEN=telegram_api.token,
        TELEGRAM_API_BASE_URL=telegram_api.base_url,
        RASA_URL=rasa.url,
        BOT_STATE_FILE=str(state_file),
    )
    user = FakeUser(401, "Lan", "vi")
    long_payload = "Quảng Nam nhận được bao nhiêu viện trợ phi chính phủ nước ngoài từ năm 2019?"
    rasa.on("/greet", Reply([{"text": "Xin chào!", "buttons": [{"title": "Quảng Nam?", "payload": long_payload}]}]))
    process = await start_bot_process(env, log_file)
    try:
        telegram_api.inject(telegram_api.command(user, "/start"))
        welcome = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, timeout=60)
        telegram_api.inject(telegram_api.message(user, "Quảng Nam 2023?"))
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, text="echo: Quảng Nam 2023?")
    finally:
        exit_code = await stop(process)

    assert welcome.text == "Xin chào!"
    assert answer.text == "echo: Quảng Nam 2023?"
    assert exit_code == 0
    with open(state_file, "rb") as f:  # persistence flushed on shutdown: the long button's payload
        state = pickle.load(f)
    assert list(state["bot_data"]["button_payloads"].values()) == [long_payload]
    log = log_file.read_text()
    assert "Starting long polling" in log
    assert telegram_api.token not in log
    assert SENDER_ID_SECRET not in log
    assert rasa.requests[0].sender == sender_id(SENDER_ID_SECRET, user.id)


SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"


@pytest.mark.parametrize("configured_secret", ["hook-secret-123", None], ids=["configured", "generated"])
async def test_webhook_accepts_only_updates_with_the_secret_token(telegram_api, rasa, tmp_path, configured_secret):
    """PTB's own webhook server on loopback: an update without the secret token, or with a
    wrong one, is refused (403) and never handled; with the right one it is handled. Without
    TELEGRAM_WEBHOOK_SECRET the bot makes one up and registers it with setWebhook."""
    port = int(refused_url().rsplit(":", 1)[1])  # a free local port
    webhook_url = f"http://127.0.0.1:{port}/telegram-hook"
    settings = dict(
        TELEGRAM_BOT_TOKEN=telegram_api.token,
        TELEGRAM_API_BASE_URL=telegram_api.base_url,
        RASA_URL=rasa.url,
        BOT_STATE_FILE=str(tmp_path / "state.pickle"),
        TELEGRAM_WEBHOOK_URL=webhook_url,
        TELEGRAM_WEBHOOK_LISTEN="127.0.0.1",
        TELEGRAM_WEBHOOK_PORT=str(port),
    )
    if configured_secret:
        settings["TELEGRAM_WEBHOOK_SECRET"] = configured_secret
    user = FakeUser(402, "Priya", "hi")
    log_file = tmp_path / "bot.log"
    process = await start_bot_process(bot_env(**settings), log_file)
    try:
        registered = await telegram_api.wait_for_call("setWebhook", timeout=60)
        secret = registered.params.get("secret_token")
        forged_updates = [
            {"update_id": 1, **telegram_api.message(user, "forged without a secret")},
            {"update_id": 2, **telegram_api.message(user, "forged with a wrong secret")},
        ]
        real_update = {"update_id": 3, **telegram_api.message(user, "real question")}
        async with httpx.AsyncClient() as client:
            without = await client.post(webhook_url, json=forged_updates[0])
            wrong = await client.post(webhook_url, json=forged_updates[1], headers={SECRET_HEADER: "guess-123"})
            delivered = await client.post(webhook_url, json=real_update, headers={SECRET_HEADER: secret or ""})
        answer = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, timeout=30)
    finally:
        exit_code = await stop(process)

    assert registered.params["url"] == webhook_url
    if configured_secret:
        assert secret == configured_secret
    else:
        assert secret and len(secret) >= 40  # generated at start
    assert without.status_code == 403
    assert wrong.status_code == 403
    assert delivered.status_code == 200
    assert answer.text == "echo: real question"
    # Neither forged update was handled: nothing of theirs reached Rasa or the chat.
    assert [r.message for r in rasa.requests] == ["real question"]
    assert len(telegram_api.calls_to("sendMessage")) == 1
    assert exit_code == 0
    log = log_file.read_text()
    assert telegram_api.token not in log
    assert secret not in log
    assert "Starting webhook server" in log


async def test_bot_waits_for_telegram_to_become_reachable(rasa, tmp_path):
    port = int(refused_url().rsplit(":", 1)[1])  # Telegram not reachable yet
    env = bot_env(
        TELEGRAM_BOT_TOKEN=DEFAULT_TOKEN,
        TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{port}/bot",
        RASA_URL=rasa.url,
        BOT_STATE_FILE=str(tmp_path / "state.pickle"),
    )
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        warning = await asyncio.wait_for(_line_containing(process, "Cannot reach the Telegram Bot API"), 60)
        async with TelegramApiStandIn(port=port) as telegram_api:  # the network comes up
            user = FakeUser(403, "Lan", "en")
            telegram_api.inject(telegram_api.command(user, "/start"))
            welcome = await telegram_api.wait_for_call("sendMessage", chat_id=user.id, timeout=60)
            exit_code = await stop(process)
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()
    assert "trying again" in warning and DEFAULT_TOKEN not in warning
    assert welcome.text == "echo: /greet"
    assert exit_code == 0


async def _line_containing(process: asyncio.subprocess.Process, text: str) -> str:
    while True:
        line = (await process.stdout.readline()).decode()
        if not line:
            raise AssertionError(f"the bot exited before logging {text!r}")
        if text in line:
            return line


async def test_missing_token_is_reported_clearly():
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=REPO, env=bot_env(), stderr=subprocess.PIPE
    )
    _, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert "TELEGRAM_BOT_TOKEN is not set" in stderr.decode()
    assert "Traceback" not in stderr.decode()


async def test_bot_refuses_to_start_without_a_sender_id_secret(telegram_api, rasa):
    env = bot_env(
        TELEGRAM_BOT_TOKEN=telegram_api.token,
        TELEGRAM_API_BASE_URL=telegram_api.base_url,
        RASA_URL=rasa.url,
    )
    del env["SENDER_ID_SECRET"]
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    stdout, stderr = await asyncio.wait_for(process.communicate(), 60)
    assert process.returncode == 2
    assert "SENDER_ID_SECRET is not set" in stderr.decode()
    assert "Traceback" not in stderr.decode()
    assert telegram_api.calls == []  # it stopped before talking to Telegram


async def test_rejected_token_is_reported_without_showing_it(telegram_api, tmp_path):
    wrong_token = "999999:wrong-token-do-not-print"
    env = bot_env(
        TELEGRAM_BOT_TOKEN=wrong_token,
        TELEGRAM_API_BASE_URL=telegram_api.base_url,
        BOT_STATE_FILE=str(tmp_path / "state.pickle"),
    )
    log_file = tmp_path / "bot.log"
    process = await start_bot_process(env, log_file)
    exit_code = await asyncio.wait_for(process.wait(), 60)
    log = log_file.read_text()
    assert exit_code == 1
    assert "Telegram rejected TELEGRAM_BOT_TOKEN" in log
    assert wrong_token not in log
