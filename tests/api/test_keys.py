import hashlib

import pytest
from django.core.management import call_command

from gongzhi.api.keys import apikey_create, apikey_revoke, authenticate_key
from gongzhi.api.models import ApiKey
from gongzhi.core.models import AuditEntry


def test_key_is_hashed_at_rest_and_authenticates(db):
    key, plain = apikey_create(name="hotline", permissions=["org.view_node"])
    stored = ApiKey.objects.get(pk=key.pk)
    assert plain not in {stored.key_hash, stored.prefix, stored.name}
    assert stored.key_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert authenticate_key(plain) == key
    assert AuditEntry.objects.filter(action="api.key.created", object_id=str(key.pk)).exists()


def test_wrong_or_malformed_key_is_refused(db):
    _key, plain = apikey_create(name="hotline")
    for bad in [plain[:-1] + ("A" if plain[-1] != "A" else "B"), "", None, "gz_x", "x" * 500, 42]:
        assert authenticate_key(bad) is None


def test_revoked_key_stops_working(db):
    key, plain = apikey_create(name="hotline")
    apikey_revoke(key=key)
    assert authenticate_key(plain) is None


def test_last_use_is_recorded(db):
    key, plain = apikey_create(name="hotline")
    assert ApiKey.objects.get(pk=key.pk).last_used_at is None
    authenticate_key(plain)
    assert ApiKey.objects.get(pk=key.pk).last_used_at is not None


def test_command_prints_key_once(db, capsys, small_tree):
    call_command("apikey", "create", "--name", "camera", "--node", small_tree["community"].code)
    plain = capsys.readouterr().out.strip()
    key = authenticate_key(plain)
    assert key is not None and key.node == small_tree["community"]
    assert plain not in str(ApiKey.objects.values_list())


def test_duplicate_name_is_refused(db):
    apikey_create(name="hotline")
    with pytest.raises(Exception, match="already exists"):
        apikey_create(name="hotline")
