"""The zh-hans catalogue: complete, faithful to its placeholders, compiled, and in use.

After new strings are merged, refresh and translate the catalogue (``make messages``, then fill
in every empty ``msgstr``); these tests fail until that is done. Set
``GONGZHI_CHECK_CATALOGUE=1`` to also check that the catalogue covers every string in the source.
"""

import os
import re
import shutil
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

import gongzhi
from gongzhi import settings as gongzhi_settings
from gongzhi.cases.models import Category
from gongzhi.org.choices import Level
from gongzhi.worktime.periods import parse_periods

PACKAGE_DIR = Path(gongzhi.__file__).resolve().parent
MESSAGES_DIR = PACKAGE_DIR / "locale" / "zh_Hans" / "LC_MESSAGES"

PYTHON_FORMAT = re.compile(r"%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACE_FORMAT = re.compile(r"\{[^{}]*\}")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def _catalogue():
    return polib.pofile(str(MESSAGES_DIR / "django.po"))


def _problems(po):
    """Entries that are untranslated or still marked fuzzy, as readable lines."""
    return [
        f"{entry.occurrences[:1]} {entry.msgid!r}"
        for entry in po
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]


def _markers(text: str, flags: list[str]) -> tuple[Counter, set]:
    """Tags and positional placeholders with their counts; named placeholders as a set, since
    a translation may name a value once where the English repeats it."""
    counted = Counter(HTML_TAG.findall(text))
    named = set()
    placeholders = []
    if "python-format" in flags:
        placeholders += PYTHON_FORMAT.findall(text)
    if "python-brace-format" in flags:
        placeholders += BRACE_FORMAT.findall(text)
    for placeholder in placeholders:
        if placeholder.startswith("%(") or (placeholder.startswith("{") and placeholder != "{}"):
            named.add(placeholder)
        else:
            counted[placeholder] += 1
    return counted, named


def test_catalogue_is_fully_translated_and_nothing_is_fuzzy():
    po = _catalogue()
    assert len(po) > 0
    assert _problems(po) == []
    assert not po.metadata_is_fuzzy


def test_catalogue_declares_the_chinese_plural_rule():
    po = _catalogue()
    assert po.metadata["Plural-Forms"].replace(" ", "") == "nplurals=1;plural=0;"
    for entry in po:
        if entry.msgid_plural:
            assert list(entry.msgstr_plural) == [0], entry.msgid


def test_translations_keep_the_placeholders_and_tags_of_their_source():
    mismatched = []
    for entry in _catalogue():
        if entry.msgid_plural:
            pairs = [(entry.msgid_plural, entry.msgstr_plural.get(0, ""))]
        else:
            pairs = [(entry.msgid, entry.msgstr)]
        for source, translated in pairs:
            if _markers(source, entry.flags) != _markers(translated, entry.flags):
                mismatched.append((source, translated))
    assert mismatched == []


def test_compiled_catalogue_matches_the_po_file():
    po = {(e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0) for e in _catalogue()}
    mo = {
        (e.msgctxt, e.msgid): e.msgstr or e.msgstr_plural.get(0)
        for e in polib.mofile(str(MESSAGES_DIR / "django.mo"))
        if e.msgid
    }
    assert mo == po, "run: make messages (compilemessages) and commit django.mo"


def test_the_deployed_default_language_is_chinese():
    # The test settings switch to English so that tests can assert the source text.
    assert gongzhi_settings.LANGUAGE_CODE == "zh-hans"


@pytest.mark.django_db
def test_login_page_speaks_chinese_by_default(client, settings):
    settings.LANGUAGE_CODE = gongzhi_settings.LANGUAGE_CODE
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    body = response.content.decode()
    assert 'lang="zh-hans"' in body
    assert "登录" in body
    assert "用户名" in body and "密码" in body
    assert "Log in" not in body


@pytest.mark.django_db
def test_english_is_still_available(client, settings):
    settings.LANGUAGE_CODE = gongzhi_settings.LANGUAGE_CODE
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client.get(reverse("login")).content.decode()
    assert "Log in" in body
    assert "登录" not in body


@pytest.mark.django_db
def test_home_and_calendar_pages_render_chinese(client, settings, make_user):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    client.force_login(make_user())
    home = client.get(reverse("home")).content.decode()
    assert "首页" in home and "退出登录" in home
    calendar = client.get(reverse("worktime:calendar"))
    assert calendar.status_code == 200
    assert "工作日历" in calendar.content.decode()


def test_labels_and_service_errors_are_translated():
    with translation.override("zh-hans"):
        assert str(Level.MICROGRID.label) == "微网格"
        with pytest.raises(ValidationError) as raised:
            parse_periods([])
    assert raised.value.message_dict["periods"] == ["至少需要一个工作时段。"]


def test_composed_model_labels_follow_the_active_language():
    # Built lazily: a label frozen at import shows one language to everyone and makes
    # makemigrations see a change whenever the default language is not English.
    field = Category._meta.get_field("handle_limit")
    with translation.override("zh-hans"):
        assert str(field.verbose_name) == "处置时限"
    with translation.override("en"):
        assert str(field.verbose_name) == "handling limit"


@pytest.mark.skipif(
    os.environ.get("GONGZHI_CHECK_CATALOGUE") != "1", reason="set GONGZHI_CHECK_CATALOGUE=1"
)
@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs gettext")
def test_catalogue_covers_every_string_in_the_source(tmp_path, monkeypatch, settings):
    copy = tmp_path / "gongzhi"
    shutil.copytree(PACKAGE_DIR, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)
    call_command("makemessages", locale=["zh_Hans"], no_obsolete=True, verbosity=0)
    refreshed = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    assert _problems(refreshed) == [], "run: make messages, then translate the new strings"
