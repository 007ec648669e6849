"""A reusable fixture that builds the demo district once for a whole test package.

The demo is built inside a transaction that stays open while the package's tests run and is
rolled back after the last one, so tests elsewhere never see demo data. Each test still runs in
its own savepoint (pytest-django's ``db``), so what a test writes disappears after it.

Only the tests of the package whose ``conftest.py`` declares it see the demo (here
``tests/demo/district/``); tests that need an empty database live beside that package. To use
it in another test package, put in that package's ``conftest.py``::

    from tests.demo.fixtures import demo_fixture, demo_db  # noqa: F401

    demo = demo_fixture()

and request ``demo_db`` (the summary returned by ``build_demo``) in tests. Tests in such a
package must not use ``transaction=True`` (a flush would wipe the demo for the rest of the
package) and must not rely on the database being empty.
"""

import pytest
from django.db import transaction

from gongzhi.org.demo import build_demo


def demo_fixture(scope: str = "package"):
    @pytest.fixture(scope=scope, name="demo")
    def _demo(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            summary = build_demo()
            yield summary
            transaction.set_rollback(True)

    return _demo


@pytest.fixture
def demo_db(demo, db):
    """The demo summary, for a test that runs in its own savepoint on top of the demo."""
    return demo
