"""A loopback load generator: N client threads each send M Open311 reports, each with its own
Idempotency-Key, and send some of them twice (a client retrying after a lost answer).

Every loop is bounded in count and in time. A client that gets no answer (the server is down)
keeps the report and tries again with the same key until ``deadline``.
"""

from __future__ import annotations

import http.client
import json
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

from tests.reliability.server import request

# Points spread over grid 1 of the test tree, so that the duplicate check has few neighbours.
LAT, LON, SPREAD = 32.005, 120.005, 0.09


@dataclass
class Outcome:
    acknowledged: dict = field(default_factory=dict)  # idempotency key → reference (first 2xx)
    replays: list = field(default_factory=list)  # (key, status, reference) of the retries
    errors: list = field(default_factory=list)  # (key, status, body) of non-2xx answers
    unanswered: int = 0  # attempts that got no answer (refused, reset or cut short)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Load:
    def __init__(self, base: str, api_key: str, *, clients: int, reports: int, seconds: float):
        self.base = base
        self.api_key = api_key
        self.clients = clients
        self.reports = reports
        self.deadline = time.monotonic() + seconds
        self.outcome = Outcome()
        self.threads: list[threading.Thread] = []

    def _body(self, rng: random.Random, n: int) -> bytes:
        return urlencode(
            {
                "api_key": self.api_key,
                "service_code": "noise",
                "lat": f"{LAT + rng.random() * SPREAD:.6f}",
                "long": f"{LON + rng.random() * SPREAD:.6f}",
                "description": f"第{n}号: 夜里楼下有施工噪音 {uuid.uuid4().hex[:6]}",
            }
        ).encode()

    def _send(self, key: str, body: bytes):
        """One attempt; (status, reference) or None when nothing answered."""
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Idempotency-Key": key,
        }
        try:
            status, raw = request(self.base, "POST", "/open311/v2/requests.json", body, headers)
        except (OSError, http.client.HTTPException):
            # Refused, reset, or cut off mid-answer by the kill (IncompleteRead): no answer.
            with self.outcome.lock:
                self.outcome.unanswered += 1
            return None
        if 200 <= status < 300:
            return status, json.loads(raw)[0]["service_request_id"]
        with self.outcome.lock:
            self.outcome.errors.append((key, status, raw[:300]))
        return status, None

    def _until_answered(self, key: str, body: bytes):
        while time.monotonic() < self.deadline:
            answer = self._send(key, body)
            if answer is not None:
                return answer
            time.sleep(0.1)
        return None

    def _client(self, index: int) -> None:
        rng = random.Random(index)
        for n in range(self.reports):
            if time.monotonic() >= self.deadline:
                return
            key = f"rel-{index}-{n}-{uuid.uuid4().hex[:12]}"
            body = self._body(rng, n)
            answer = self._until_answered(key, body)
            if answer is None or answer[1] is None:
                continue
            with self.outcome.lock:
                self.outcome.acknowledged[key] = answer[1]
            if n % 5 == 0:  # a retry of an answered report must create nothing
                again = self._until_answered(key, body)
                if again is not None:
                    with self.outcome.lock:
                        self.outcome.replays.append((key, again[0], again[1]))

    def start(self) -> None:
        self.threads = [
            threading.Thread(target=self._client, args=(i,), daemon=True)
            for i in range(self.clients)
        ]
        for thread in self.threads:
            thread.start()

    def join(self) -> Outcome:
        for thread in self.threads:
            thread.join(max(self.deadline - time.monotonic(), 0) + 90)
        return self.outcome

    def acknowledged_count(self) -> int:
        with self.outcome.lock:
            return len(self.outcome.acknowledged)
