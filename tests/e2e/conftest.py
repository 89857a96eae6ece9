import pytest

from tests.support.assistant import start_assistant


@pytest.fixture(scope="session")
def assistant(tmp_path_factory):
    """The real assistant: seeded SQLite, action server and `rasa run` on loopback."""
    running = start_assistant(tmp_path_factory.mktemp("assistant"))
    yield running
    running.stop()
