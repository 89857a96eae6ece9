"""Fixtures: the two loopback stand-ins and a config that points the bot at them."""

import pytest
import pytest_asyncio

from tests.support.bot_runner import bot_config
from tests.support.fake_rasa import FakeRasa
from tests.support.telegram_api import TelegramApiStandIn


@pytest_asyncio.fixture
async def telegram_api():
    async with TelegramApiStandIn() as api:
        yield api


@pytest_asyncio.fixture
async def rasa():
    async with FakeRasa() as fake:
        yield fake


@pytest.fixture
def config(telegram_api, rasa, tmp_path):
    return bot_config(telegram_api, rasa, tmp_path)
