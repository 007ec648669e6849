"""Append-only rows: the ledger is corrected by new rows (reversals), never by edits."""

from django.db import models


class LedgerImmutable(Exception):
    """Raised when code tries to change or remove a booked ledger row."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise LedgerImmutable(f"{self.model._meta.label} rows cannot be updated")

    def delete(self):
        raise LedgerImmutable(f"{self.model._meta.label} rows cannot be deleted")


class AppendOnlyModel(models.Model):
    """A model whose rows are written once: saving an existing row or deleting one raises."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise LedgerImmutable(f"{self._meta.label} rows cannot be updated")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutable(f"{self._meta.label} rows cannot be deleted")
