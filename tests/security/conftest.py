from tests.cases.conftest import categories, report, world  # noqa: F401
