import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError

from gongzhi.core.audit import log_action
from gongzhi.core.models import AuditEntry, AuditEntryImmutable


def _entry(user=None):
    with transaction.atomic():
        return log_action(
            "test.thing.done", actor=user, data={"why": "测试"}, old={"a": 1}, new={"a": 2}
        )


@pytest.mark.django_db
def test_entry_records_action_and_data(make_user):
    user = make_user()
    entry = _entry(user)
    assert entry.actor == user
    assert entry.data == {"why": "测试", "old": {"a": 1}, "new": {"a": 2}}


@pytest.mark.django_db(transaction=True)
def test_log_action_outside_transaction_is_refused():
    with pytest.raises(RuntimeError, match="inside the service's transaction"):
        log_action("test.thing.done")


@pytest.mark.django_db
def test_model_refuses_update_and_delete():
    entry = _entry()
    entry.action = "test.thing.forged"
    with pytest.raises(AuditEntryImmutable):
        entry.save()
    with pytest.raises(AuditEntryImmutable):
        entry.delete()
    with pytest.raises(AuditEntryImmutable):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(AuditEntryImmutable):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.thing.done"


@pytest.mark.django_db
def test_database_refuses_raw_update_and_delete_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL only")
    entry = _entry()
    for sql in (
        "UPDATE core_auditentry SET action = 'forged' WHERE id = %s",
        "DELETE FROM core_auditentry WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "test.thing.done"
