import pytest

from gongzhi.api.keys import apikey_create
from tests.cases.conftest import categories, world  # noqa: F401
from tests.reliability.server import Server


@pytest.fixture
def reporting_key(world):  # noqa: F811
    _key, plain = apikey_create(
        name="load", node=world["district"], permissions=["cases.report", "cases.view"]
    )
    return plain


@pytest.fixture
def server_factory(transactional_db, tmp_path):
    """Start servers on the test database; every one is stopped before the database is
    flushed."""
    started = []

    def start(**env) -> Server:
        server = Server(tmp_path, env=env)
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
