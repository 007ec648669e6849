"""Webhooks go to public addresses only: refused when saved and again when connecting."""

import socket

import pytest
from django.core.exceptions import ValidationError

from gongzhi.api.webhooks import targets
from gongzhi.api.webhooks.services import subscription_create
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign


@pytest.fixture
def staff(small_tree, make_user):
    user = make_user()
    role_assign(user=user, role=Role.STAFF, node=small_tree["community"])
    return user


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000/hook",
        "http://localhost/hook",
        "http://10.1.2.3/hook",
        "http://192.168.0.10/hook",
        "http://172.16.5.5/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://100.100.100.200/latest/meta-data/",
        "http://[::1]/hook",
        "http://[::ffff:127.0.0.1]/hook",
        "http://0.0.0.0/hook",
    ],
)
def test_private_targets_are_refused_when_saved(staff, small_tree, url):
    with pytest.raises(ValidationError) as caught:
        subscription_create(
            name="x", url=url, node=small_tree["grid1"], events=["org.node."], actor=staff
        )
    assert "url" in caught.value.message_dict


def test_a_public_target_is_accepted(staff, small_tree, monkeypatch):
    public = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 443))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: public)
    subscription = subscription_create(
        name="x",
        url="https://hooks.example.org/in",
        node=small_tree["grid1"],
        events=["org.node."],
        actor=staff,
    )
    assert subscription.pk


def test_a_name_that_resolves_privately_at_connect_time_is_not_connected(monkeypatch):
    """DNS rebinding: public when saved, loopback when sending — the connection is refused."""
    loopback = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", 80))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: loopback)
    connected = []
    monkeypatch.setattr(socket.socket, "connect", lambda self, addr: connected.append(addr))
    with pytest.raises(targets.TargetRefused):
        targets.post("http://hooks.example.org/in", b"{}", {}, timeout=1)
    assert connected == []


def test_the_connection_goes_to_the_checked_address_with_the_host_header(monkeypatch):
    checked = [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", 80))]
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: checked)
    seen = {}

    def fake_connect(sock, address):
        seen["address"] = address
        raise ConnectionRefusedError("stop here")

    monkeypatch.setattr(socket.socket, "connect", fake_connect)
    with pytest.raises(ConnectionRefusedError):
        targets.post("http://hooks.example.org/in", b"{}", {}, timeout=1)
    assert seen["address"] == ("93.184.216.34", 80)


def test_the_setting_allows_delivery_inside_the_own_network(settings, staff, small_tree):
    settings.GONGZHI_WEBHOOK_ALLOW_PRIVATE = True
    subscription = subscription_create(
        name="x",
        url="http://10.1.2.3/hook",
        node=small_tree["grid1"],
        events=["org.node."],
        actor=staff,
    )
    assert subscription.pk
