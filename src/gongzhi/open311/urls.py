from django.urls import path, re_path

from gongzhi.open311 import openapi, views

app_name = "open311"

FMT = r"\.(?P<fmt>[a-z]{2,8})\Z"

urlpatterns = [
    path("openapi.json", openapi.document, name="openapi"),
    re_path(r"^discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^services" + FMT, views.service_list, name="services"),
    re_path(r"^services/(?P<code>[^/]{1,60})" + FMT, views.service_definition, name="service"),
    re_path(r"^requests" + FMT, views.requests_, name="requests"),
    re_path(r"^requests/(?P<reference>[^/]{1,60})" + FMT, views.request_detail, name="request"),
    re_path(r"^tokens/(?P<token_id>[^/]{1,60})" + FMT, views.token, name="token"),
    re_path(r"^servicerequestupdates" + FMT, views.request_updates, name="updates"),
    # Anything else under /open311/v2/ answers 404 in the spec's error shape, not as a page.
    re_path(r"^[\s\S]*\Z", views.unknown, name="unknown"),
]
