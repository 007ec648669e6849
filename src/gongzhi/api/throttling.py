"""Rate limits for the anonymous endpoints, per client address, read from the settings on each
request (``GONGZHI_PUBLIC_REPORT_RATE``, e.g. "20/h"). The counts live in the default cache:
per process with the local-memory cache, shared by all processes when REDIS_URL is set.

The client address is the platform's one rule (``gongzhi.core.clientip``): X-Forwarded-For counts
only behind a configured proxy, so a client cannot escape the limit by sending a new header."""

from django.conf import settings
from ninja.throttling import AnonRateThrottle

from gongzhi.core.clientip import client_ip

DEFAULT_RATE = "20/h"


class PublicReportThrottle(AnonRateThrottle):
    scope = "public_reports"

    def __init__(self):
        super().__init__(DEFAULT_RATE)

    def get_ident(self, request) -> str:
        return client_ip(request)

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, "GONGZHI_PUBLIC_REPORT_RATE", DEFAULT_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
