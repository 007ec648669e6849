"""Rate limits for the anonymous endpoints, per client address, read from the settings on each
request (``GONGZHI_PUBLIC_REPORT_RATE``, e.g. "20/h"). The counts live in the default cache:
per process with the local-memory cache, shared by all processes when REDIS_URL is set."""

from django.conf import settings
from ninja.throttling import AnonRateThrottle

DEFAULT_RATE = "20/h"


class PublicReportThrottle(AnonRateThrottle):
    scope = "public_reports"

    def __init__(self):
        super().__init__(DEFAULT_RATE)

    def allow_request(self, request) -> bool:
        self.rate = getattr(settings, "GONGZHI_PUBLIC_REPORT_RATE", DEFAULT_RATE)
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request)
