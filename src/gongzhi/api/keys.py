"""Issuing, checking and revoking API keys."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongzhi.api.models import ApiKey
from gongzhi.core import hotcache
from gongzhi.core.audit import log_action
from gongzhi.org.access import Grant, UserScope, set_scope

KEY_PREFIX = "gz"
# last_used_at is written at most this often per key, so a busy client does not turn every
# request into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)

_keys = hotcache.Memo("api.keys")
hotcache.watch(ApiKey)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def apikey_create(
    *, name: str, node=None, permissions=None, party=None, actor=None
) -> tuple[ApiKey, str]:
    """Create a key; return it with the plain key string, which is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("A key needs a name.")})
    if ApiKey.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A key named %(name)s already exists.") % {"name": name}})
    prefix = secrets.token_hex(4)
    secret = secrets.token_urlsafe(32)
    plain = f"{KEY_PREFIX}_{prefix}_{secret}"
    with transaction.atomic():
        user = get_user_model().objects.create_user(username=f"apikey-{prefix}", password=None)
        key = ApiKey.objects.create(
            name=name,
            prefix=prefix,
            key_hash=_hash(plain),
            user=user,
            node=node,
            party=party,
            permissions=sorted(set(permissions or [])),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        log_action(
            "api.key.created",
            actor=actor,
            obj=key,
            new={
                "name": name,
                "node": node.code if node else None,
                "party": party.pk if party else None,
                "permissions": key.permissions,
            },
        )
    return key, plain


def apikey_revoke(*, key: ApiKey, actor=None) -> ApiKey:
    """Revoke a key; it stops working at once."""
    with transaction.atomic():
        key = ApiKey.objects.select_for_update().get(pk=key.pk)
        if key.revoked_at is None:
            key.revoked_at = timezone.now()
            key.save(update_fields=["revoked_at"])
            log_action("api.key.revoked", actor=actor, obj=key)
    return key


def _active_key(prefix: str) -> ApiKey | None:
    return (
        ApiKey.objects.select_related("user", "node", "party")
        .filter(prefix=prefix, revoked_at__isnull=True)
        .first()
    )


def authenticate_key(plain: str | None) -> ApiKey | None:
    """The active key matching ``plain``, or None. Records when it was last used.

    The key is found by its prefix (a unique index) and its secret checked against the stored
    hash in constant time. Keys found are cached per process (``gongzhi.core.hotcache``):
    a revocation takes effect at once in the process that made it and within
    ``GONGZHI_CACHE_SECONDS`` everywhere else. Unknown prefixes are never cached.
    """
    if not plain or not isinstance(plain, str) or len(plain) > 200:
        return None
    parts = plain.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX or not parts[1]:
        return None
    prefix = parts[1]
    cached = _keys.get(prefix, lambda: _active_key(prefix), cache_none=False)
    if cached is None or not hmac.compare_digest(cached.key_hash, _hash(plain)):
        return None
    now = timezone.now()
    if cached.last_used_at is None or now - cached.last_used_at > LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=cached.pk).update(last_used_at=now)
        cached.last_used_at = now
    key = hotcache.fresh(cached)
    # Each request acts with its own copy of the service user: its scope is set on it.
    key.user = hotcache.fresh(cached.user)
    return key


def key_scope(key: ApiKey) -> UserScope:
    """The access scope a key acts with: its permissions, on its node's subtree, for its party."""

    from gongzhi.org import cached

    perms = frozenset(key.permissions)
    party_id = key.party_id
    if key.node is None:
        roots = cached.roots()
        grants = [Grant("apikey", n.pk, n.path, party_id, perms) for n in roots]
    else:
        grants = [Grant("apikey", key.node.pk, key.node.path, party_id, perms)]
    return UserScope(user_id=key.user_id, is_global=False, grants=grants)


def act_as_key(request, key: ApiKey) -> None:
    """Make the request act as the key's service user, within the key's scope."""
    request.user = key.user
    request.api_key = key
    set_scope(key.user, key_scope(key))
