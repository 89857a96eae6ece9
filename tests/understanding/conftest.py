import pytest

from nlu import services
from tests.support.seeded import seeded_sqlite


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    """A real SQLite database, migrated and seeded by the project's own CLI."""
    return seeded_sqlite(tmp_path_factory.mktemp("nlu-db"))


@pytest.fixture(autouse=True)
def nlu_database(database_url, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", database_url)
    services.aid_database.cache_clear()
    yield
    services.aid_database.cache_clear()
