"""core.images.save_file: files share the fate of the transaction they were written in."""

import gc

import pytest
from django.db import transaction

from gongzhi.cases.models import CasePhoto
from gongzhi.core.images import files_guard, save_file

from .conftest import files_under


def write_one(name="photo.jpg"):
    photo = CasePhoto()
    save_file(photo.image, name, b"bytes of a photo")
    return photo.image.name


class Boom(Exception):
    pass


@pytest.mark.django_db
def test_rollback_of_the_writing_block_removes_the_file(media):
    with pytest.raises(Boom), transaction.atomic():
        write_one()
        assert len(files_under(media)) == 1
        raise Boom
    gc.collect()
    assert files_under(media) == []


@pytest.mark.django_db
def test_rollback_of_an_outer_transaction_removes_a_file_whose_service_succeeded(media):
    with pytest.raises(Boom), transaction.atomic():
        with transaction.atomic():  # the service: it commits its savepoint
            write_one()
        assert len(files_under(media)) == 1
        raise Boom  # the caller around it fails
    assert files_under(media) == []


@pytest.mark.django_db
def test_only_the_rolled_back_savepoint_loses_its_files(media):
    with transaction.atomic():
        kept = write_one()
        with pytest.raises(Boom), transaction.atomic():
            write_one()
            raise Boom
        assert [p.relative_to(media).as_posix() for p in files_under(media)] == [kept]


@pytest.mark.django_db(transaction=True)
def test_committed_files_stay_and_rolled_back_ones_go(media):
    with transaction.atomic():
        kept = write_one()
    with pytest.raises(Boom), transaction.atomic():
        write_one()
        raise Boom
    assert [p.relative_to(media).as_posix() for p in files_under(media)] == [kept]


@pytest.mark.django_db(transaction=True)
def test_a_write_outside_any_transaction_is_final_unless_guarded(media):
    kept = write_one()
    with pytest.raises(Boom), files_guard():
        write_one()
        raise Boom
    assert [p.relative_to(media).as_posix() for p in files_under(media)] == [kept]
