import pytest

from tests.support.assistant import start_assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    """The real assistant: seeded SQLite, action server and `rasa run` on loopback."""
    running = start_assistant(tmp_path_factory.mktemp("assistant"))
    yield running
    running.stop()


@pytest.fixture(scope="session")
def assistant_without_actions(tmp_path_factory):
    """`rasa run` whose action server is down: its action endpoint is a port where nothing listens."""
    running = start_assistant(tmp_path_factory.mktemp("assistant-no-actions"), with_actions=False)
    yield running
    running.stop()
