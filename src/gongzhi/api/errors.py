"""One error shape for the platform API: {"detail": "...", "errors": [{"field", "message"}]}."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from gongzhi.cases.errors import CaseConflict


def _field_errors(exc: ValidationError) -> list[dict]:
    if hasattr(exc, "error_dict"):
        return [
            {"field": field, "message": message}
            for field, errors in exc.message_dict.items()
            for message in errors
        ]
    return [{"field": "__all__", "message": message} for message in exc.messages]


def install(api) -> None:
    """Register the handlers on a NinjaAPI instance."""

    @api.exception_handler(ValidationError)
    def django_validation(request, exc):
        errors = _field_errors(exc)
        return api.create_response(
            request,
            {"detail": errors[0]["message"] if errors else _("Invalid input."), "errors": errors},
            status=400,
        )

    @api.exception_handler(NinjaValidationError)
    def ninja_validation(request, exc):
        errors = []
        for error in exc.errors:
            loc = [
                str(part)
                for part in error.get("loc", [])
                if part not in ("body", "query", "path", "form", "payload")
            ]
            errors.append(
                {"field": ".".join(loc) or "__all__", "message": str(error.get("msg", ""))}
            )
        detail = _("Invalid input: %(fields)s") % {"fields": ", ".join(e["field"] for e in errors)}
        return api.create_response(request, {"detail": detail, "errors": errors}, status=400)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return api.create_response(request, {"detail": _("Not found."), "errors": []}, status=404)

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return api.create_response(
            request, {"detail": _("You are not allowed to do this."), "errors": []}, status=403
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return api.create_response(
            request,
            {"detail": _("Authentication required: log in or send X-API-Key."), "errors": []},
            status=401,
        )

    @api.exception_handler(CaseConflict)
    def conflict(request, exc):
        return api.create_response(
            request, {"detail": exc.message, "errors": [], "code": exc.code}, status=409
        )

    @api.exception_handler(Throttled)
    def throttled(request, exc):
        response = api.create_response(
            request,
            {
                "detail": _("Too many requests from this client; please try again later."),
                "errors": [],
            },
            status=429,
        )
        if exc.wait:
            response["Retry-After"] = str(int(exc.wait) + 1)
        return response

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return api.create_response(
            request, {"detail": str(exc), "errors": []}, status=exc.status_code
        )
