"""The demo district's places (nodes only: the org demo's ``write_nodes``, a few seconds),
built once for this package inside a transaction rolled back after its last test."""

import pytest
from django.db import transaction

from gongzhi.org.demo.nodes import write_nodes
from gongzhi.org.demo.plan import make_plan
from gongzhi.org.demo.run import DemoRun


@pytest.fixture(scope="package")
def district(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        nodes = write_nodes(DemoRun(password="unused"), make_plan())
        yield nodes
        transaction.set_rollback(True)


@pytest.fixture
def demo_nodes(district, db):
    return district
