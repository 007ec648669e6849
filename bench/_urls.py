"""The product's URLs and a bare Django JSON view, served by the same stack (bench only)."""

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from gongzhi.urls import urlpatterns as product_urlpatterns


@csrf_exempt
def bare(request):
    """The least a Django JSON endpoint does: route, run the middleware, answer a small dict."""
    return JsonResponse([{"service_request_id": "BARE-1", "status": "open"}], safe=False)


urlpatterns = [path("bench/bare.json", bare), *product_urlpatterns]
