"""remove_orphaned_media: lists by default, removes with --delete, spares referenced and young."""

import os
import time
from io import StringIO

import pytest
from django.core.management import call_command

from gongzhi.core.images import orphans
from tests.cases.conftest import jpeg_bytes

from .conftest import files_under


def put(media, name, *, age_seconds=2 * 3600):
    path = media / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * 10)
    old = time.time() - age_seconds
    os.utime(path, (old, old))
    return path


@pytest.fixture
def layout(media, world, report):
    case = report(photos=[jpeg_bytes()])
    photo = case.photos.get()
    for field in (photo.image, photo.thumbnail):
        old = time.time() - 2 * 3600
        os.utime(field.path, (old, old))
    orphan = put(media, "cases/2020/01/leftover.jpg")
    young = put(media, "cases/2020/01/in-flight.jpg", age_seconds=5)
    return {"photo": photo, "orphan": orphan, "young": young}


def run(*args):
    out = StringIO()
    call_command("remove_orphaned_media", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_lists_the_orphan_and_deletes_nothing(layout, media):
    before = files_under(media)
    output = run()
    assert "cases/2020/01/leftover.jpg" in output
    assert "in-flight" not in output and layout["photo"].image.name not in output
    assert "1 orphaned file(s)" in output
    assert files_under(media) == before


@pytest.mark.django_db
def test_delete_removes_only_the_orphan(layout, media):
    run("--delete")
    assert not layout["orphan"].exists()
    assert layout["young"].exists()
    assert os.path.exists(layout["photo"].image.path)
    assert os.path.exists(layout["photo"].thumbnail.path)


@pytest.mark.django_db
def test_min_age_zero_takes_young_files_too(layout):
    run("--delete", "--min-age", "0")
    assert not layout["young"].exists()
    assert os.path.exists(layout["photo"].image.path)


@pytest.mark.django_db
def test_expiry_cleaners_run_first_and_only_act_with_delete(media, monkeypatch):
    calls = []
    monkeypatch.setattr(orphans, "_EXPIRY_CLEANERS", {})
    orphans.register_expiry_cleaner("uploads", lambda delete: calls.append(delete) or 3)
    assert "would remove 3 expired" in run()
    assert "removed 3 expired" in run("--delete")
    assert calls == [False, True]


@pytest.mark.django_db
def test_the_daily_job_removes_orphans_and_is_registered(layout):
    from gongzhi.core.jobs import registered_jobs

    job = next(j for j in registered_jobs() if j.name == "core.remove_orphaned_media")
    assert "1 orphaned files removed" in job.func()
    assert not layout["orphan"].exists() and layout["young"].exists()
    assert "0 orphaned files removed" in job.func()  # a second run finds nothing more
