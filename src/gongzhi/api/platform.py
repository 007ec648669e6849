"""The platform's JSON API (django-ninja), with OpenAPI docs at /api/docs."""

from django.apps import apps
from ninja import NinjaAPI

from gongzhi.api import errors
from gongzhi.api.auth import AUTH
from gongzhi.api.rendering import Renderer
from gongzhi.api.routers import (
    case_followup,
    cases,
    categories,
    charity,
    org,
    participation,
    public,
)
from gongzhi.enforcement.api import router as enforcement_router
from gongzhi.insights.api import router as insights_router

api = NinjaAPI(
    title="gongzhi API",
    version="1",
    description=(
        "The platform's JSON API: cases, nodes, categories, parties. Authenticate with a "
        "session or an API key in the X-API-Key header; POST /public/reports takes residents' "
        "reports without an account, rate-limited per client. Errors answer "
        '{"detail": "...", "errors": [{"field": "...", "message": "..."}]}, with a "code" on '
        "409 conflicts (state: the case moved on; version: it changed since expected_version)."
    ),
    auth=AUTH,
    urls_namespace="api",
    docs_url="/docs",
    renderer=Renderer(),
)
errors.install(api)
api.add_router("/", org.router)
api.add_router("/enforcement", enforcement_router)
api.add_router("/", cases.router)
api.add_router("/", case_followup.router)
api.add_router("/", categories.router)
api.add_router("/", public.router)
api.add_router("/", participation.router)
api.add_router("/", charity.router)
if apps.is_installed("gongzhi.portal"):
    # The portal's public reads (figures, lists, stories, search) under /public/.
    from gongzhi.portal.api import router as portal_router

    api.add_router("/public", portal_router)
api.add_router("/", insights_router)
