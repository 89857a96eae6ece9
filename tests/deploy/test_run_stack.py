"""`make run`'s stack (scripts/run.sh under supervisord) as a user meets it: loopback only,
a sender id secret made once for the bot, crashes healed, conversations kept across a
restart. One stack for the module; the tests run in file order and build on each other."""
from __future__ import annotations

import os
import re
import signal
import stat
import time
import uuid

import pytest

from tests.support.assistant import seeded_database
from tests.support.stack import Stack, ThreadedTelegram, listening_addresses
from tests.support.telegram_api import FakeUser

SON_LA_NGOS, QUANG_NAM_NGOS, CAN_THO_NGOS = "31", "77", "more than 40"
ACTION_SERVER_DEADLINE = 30     # seconds: the recovery bound
RASA_DEADLINE = 60              # Rasa loads its model again (about 12 s here)


@pytest.fixture(scope="module")
def telegram():
    with ThreadedTelegram() as stand_in:
        yield stand_in


@pytest.fixture(scope="module")
def stack(tmp_path_factory, telegram):
    workdir = tmp_path_factory.mktemp("stack")
    running = Stack(workdir, seeded_database(workdir), extra_env={
        "TELEGRAM_BOT_TOKEN": telegram.api.token, "TELEGRAM_API_BASE_URL": telegram.api.base_url})
    running.start()
    yield running
    running.kill_all()


def sender() -> str:
    return f"stack-{uuid.uuid4().hex[:8]}"


def answer_within(stack: Stack, who: str, question: str, seconds: float) -> str:
    """Ask until the assistant answers (an empty reply or a refused connection means it is
    still down); fail after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            text = stack.text(who, question)
            if text:
                return text
        except Exception:           # Rasa itself is down: connection refused
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"no answer to {question!r} within {seconds} s:\n{stack.log()[-3000:]}")
        time.sleep(0.5)


def test_rasa_and_the_action_server_listen_on_loopback_only(stack):
    for port in (stack.rasa_port, stack.actions_port):
        addresses = listening_addresses(port)
        assert addresses and set(addresses) == {"127.0.0.1"}, (port, addresses)


def test_conversations_go_to_the_sqlite_tracker_store_in_var(stack):
    who = sender()
    assert SON_LA_NGOS in stack.text(who, "How many NGOs are in Son La?")
    assert (stack.var_dir / "tracker.sqlite3").stat().st_size > 0


def test_the_bot_gets_a_sender_id_secret_made_once(stack, telegram):
    secret_file = stack.var_dir / "sender-id-secret"
    assert re.fullmatch(r"[0-9a-f]{64}\n", secret_file.read_text())
    assert stat.S_IMODE(secret_file.stat().st_mode) == 0o600
    # The bot refuses to start without a secret: a relayed answer shows it got one.
    user = FakeUser(4242, "Lan", "en")
    telegram.inject(telegram.api.message(user, "How many NGOs are in Son La?"))
    reply = telegram.wait_for_call("sendMessage", chat_id=user.id, timeout=60)
    assert SON_LA_NGOS in reply.text
    log = stack.log()
    assert secret_file.read_text().strip() not in log and telegram.api.token not in log


def test_a_killed_action_server_is_restarted_and_the_conversation_goes_on(stack):
    who = sender()
    assert SON_LA_NGOS in stack.text(who, "How many NGOs are in Son La?")
    old = stack.pid("actions")
    os.kill(old, signal.SIGKILL)
    answer = answer_within(stack, who, "and Quang Nam?", ACTION_SERVER_DEADLINE)
    assert QUANG_NAM_NGOS in answer and "Quang Nam" in answer
    assert stack.pid("actions") != old


def test_a_killed_rasa_is_restarted_with_its_conversations(stack):
    who = sender()
    assert SON_LA_NGOS in stack.text(who, "How many NGOs are in Son La?")
    old = stack.pid("rasa")
    os.kill(old, signal.SIGKILL)
    answer = answer_within(stack, who, "and Can Tho?", RASA_DEADLINE)
    assert CAN_THO_NGOS in answer and "Can Tho" in answer
    assert stack.pid("rasa") != old


def test_a_restart_of_the_stack_keeps_every_conversation(stack):
    who = sender()
    assert SON_LA_NGOS in stack.text(who, "How many NGOs are in Son La?")
    secret = (stack.var_dir / "sender-id-secret").read_text()

    assert stack.stop() == 0
    assert listening_addresses(stack.rasa_port) == [] and listening_addresses(stack.actions_port) == []
    stack.start()

    answer = stack.text(who, "and Quang Nam?")
    assert QUANG_NAM_NGOS in answer and "Quang Nam" in answer
    assert (stack.var_dir / "sender-id-secret").read_text() == secret    # made once, kept
