import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone

from gongzhi.api.models import WebhookDelivery, WebhookSubscription
from gongzhi.api.webhooks import delivery as delivery_module
from gongzhi.api.webhooks.services import subscription_create, subscription_resume
from gongzhi.api.webhooks.signing import verify
from gongzhi.api.webhooks.tasks import sweep
from gongzhi.core.audit import log_action
from gongzhi.core.models import AuditEntry
from gongzhi.org.roles import Role
from gongzhi.org.services import role_assign


class Receiver:
    """A loopback HTTP server that records what it receives and answers a chosen status."""

    def __init__(self, status=200):
        self.status = status
        self.requests = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.close()


@pytest.fixture
def staff(small_tree, make_user):
    user = make_user(email="staff@example.org")
    role_assign(user=user, role=Role.STAFF, node=small_tree["community"])
    return user


def _event_on(node, action="org.node.updated"):
    with transaction.atomic():
        return log_action(action, obj=node, data={"new": {"name": node.name}})


def _subscribe(staff, small_tree, url, node_key="grid1"):
    return subscription_create(
        name="hotline", url=url, node=small_tree[node_key], events=["org.node."], actor=staff
    )


@pytest.mark.django_db(transaction=True)
def test_event_is_delivered_signed_after_commit(small_tree, staff, receiver):
    subscription = _subscribe(staff, small_tree, receiver.url)
    _event_on(small_tree["b1"])
    assert len(receiver.requests) == 1
    headers, body = receiver.requests[0]
    assert verify(
        subscription.secret,
        int(headers["X-Gongzhi-Timestamp"]),
        body,
        headers["X-Gongzhi-Signature"],
    )
    assert not verify(
        "wrong-secret", int(headers["X-Gongzhi-Timestamp"]), body, headers["X-Gongzhi-Signature"]
    )
    payload = json.loads(body)
    assert payload["event"] == "org.node.updated"
    assert payload["object"]["repr"] == "1幢"
    assert WebhookDelivery.objects.get().state == "delivered"


@pytest.mark.django_db(transaction=True)
def test_rolled_back_change_sends_nothing(small_tree, staff, receiver):
    _subscribe(staff, small_tree, receiver.url)
    with pytest.raises(RuntimeError), transaction.atomic():
        log_action("org.node.updated", obj=small_tree["b1"])
        raise RuntimeError("the service failed")
    assert receiver.requests == []
    assert not WebhookDelivery.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_events_outside_the_subtree_or_prefix_are_not_sent(small_tree, staff, receiver):
    _subscribe(staff, small_tree, receiver.url)
    _event_on(small_tree["b2"])
    _event_on(small_tree["b1"], action="org.person.created")
    assert receiver.requests == []


@pytest.mark.django_db(transaction=True)
def test_failures_retry_with_backoff_then_pause_with_notice(small_tree, staff, receiver):
    receiver.status = 500
    subscription = _subscribe(staff, small_tree, receiver.url)
    for _ in range(delivery_module.PAUSE_AFTER_FAILURES):
        _event_on(small_tree["b1"])
    first = WebhookDelivery.objects.order_by("created_at").first()
    assert first.state == "retrying" and first.last_status_code == 500
    assert first.next_attempt_at > timezone.now() + timedelta(seconds=20)
    subscription.refresh_from_db()
    assert not subscription.is_active and subscription.paused_at
    assert AuditEntry.objects.filter(action="api.webhook.paused").count() == 1
    assert len(mail.outbox) == 1 and "staff@example.org" in mail.outbox[0].to
    # Paused: nothing more is sent until staff resume it.
    sent = len(receiver.requests)
    _event_on(small_tree["b1"])
    assert len(receiver.requests) == sent
    receiver.status = 200
    subscription_resume(subscription=subscription, actor=staff)
    WebhookDelivery.objects.update(next_attempt_at=timezone.now())
    sweep()
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {"delivered"}


def test_backoff_grows_and_is_capped():
    delays = [delivery_module.backoff(n) for n in range(1, 20)]
    assert delays == sorted(delays)
    assert delays[0] == timedelta(seconds=30) and delays[-1] == timedelta(hours=6)


def test_only_staff_of_the_node_may_subscribe(small_tree, make_user, receiver):
    outsider = make_user()
    role_assign(user=outsider, role=Role.STAFF, node=small_tree["grid2"])
    with pytest.raises(Exception, match="not manage webhooks"):
        _subscribe(outsider, small_tree, receiver.url)
    assert not WebhookSubscription.objects.exists()


def test_delivery_log_page_is_scoped(client, small_tree, staff, make_user, receiver):
    subscription = _subscribe(staff, small_tree, receiver.url)
    client.force_login(staff)
    assert client.get(f"/staff/webhooks/{subscription.pk}/").status_code == 200
    assert "hotline" in client.get("/staff/webhooks/").content.decode()
    outsider = make_user()
    role_assign(user=outsider, role=Role.STAFF, node=small_tree["grid2"])
    client.force_login(outsider)
    assert client.get(f"/staff/webhooks/{subscription.pk}/").status_code == 404
