"""On PostgreSQL, let the database itself hold the ledger's invariants.

- Transactions, entries and stock movements are append-only: UPDATE and DELETE are refused
  (TRUNCATE stays possible for an operator and for test-database flushes).
- The entries of a transaction sum to zero, checked at COMMIT by a deferred constraint trigger,
  so that no code path, not even raw SQL, can commit an unbalanced transaction.

On SQLite the services and ``gongzhi points_check`` hold these invariants.
"""

from django.db import migrations

APPEND_ONLY_TABLES = ["points_transaction", "points_entry", "points_stockmovement"]

CREATE = """
CREATE OR REPLACE FUNCTION points_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION USING
        MESSAGE = TG_TABLE_NAME || ' is append-only: ' || TG_OP || ' refused',
        ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION points_entries_balance() RETURNS trigger AS $$
DECLARE
    total bigint;
BEGIN
    SELECT COALESCE(SUM(amount), 0) INTO total FROM points_entry
        WHERE transaction_id = NEW.transaction_id;
    IF total <> 0 THEN
        RAISE EXCEPTION USING
            MESSAGE = 'points transaction ' || NEW.transaction_id || ' does not balance: '
                      || total,
            ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS points_entries_balance ON points_entry;
CREATE CONSTRAINT TRIGGER points_entries_balance
    AFTER INSERT ON points_entry
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION points_entries_balance();
"""

APPEND_ONLY = """
DROP TRIGGER IF EXISTS {table}_append_only ON {table};
CREATE TRIGGER {table}_append_only
    BEFORE UPDATE OR DELETE ON {table}
    FOR EACH ROW EXECUTE FUNCTION points_append_only();
"""

DROP = """
DROP TRIGGER IF EXISTS points_entries_balance ON points_entry;
DROP FUNCTION IF EXISTS points_entries_balance();
"""


def create_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(APPEND_ONLY.format(table=table))


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in APPEND_ONLY_TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};")
    schema_editor.execute(DROP)
    schema_editor.execute("DROP FUNCTION IF EXISTS points_append_only();")


class Migration(migrations.Migration):
    dependencies = [("points", "0001_initial")]

    operations = [migrations.RunPython(create_triggers, drop_triggers)]
