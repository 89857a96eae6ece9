import pytest
from tests.support.bot_runner import running_bot
from tests.support.telegram_api import FakeUser

pytestmark = pytest.mark.asyncio

async def test_start(telegram_api, rasa, config):
    user = FakeUser(101, "Lan", "vi")
    async with running_bot(config):
        telegram_api.inject(telegram_api.command(user, "/start"))
        call = await telegram_api.wait_for_call("sendMessage", chat_id=101)
        print(call.params)
        telegram_api.inject(telegram_api.message(user, "xin chào"))
        call = await telegram_api.wait_for_call("sendMessage", chat_id=101, text="echo: xin chào")
        print(rasa.requests)
    print([c.method for c in telegram_api.calls])
