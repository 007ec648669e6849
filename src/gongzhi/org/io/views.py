"""Staff pages: import a tree or a roster, download the roster template, export the tree."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods

from gongzhi.org import access
from gongzhi.org.io import limits
from gongzhi.org.io.forms import ROSTER, ImportForm
from gongzhi.org.io.geojson_export import iter_geojson_text, roots_for_paths
from gongzhi.org.io.geojson_import import import_tree_file
from gongzhi.org.io.problems import FileRefused, ImportRejected
from gongzhi.org.io.roster_columns import COLUMNS
from gongzhi.org.io.roster_import import import_roster
from gongzhi.org.io.roster_template import roster_template_bytes
from gongzhi.org.models import Node

IMPORT_PERMISSION = "org.import"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_import_area(user) -> None:
    scope = access.user_scope(user)
    if not (scope.is_global or scope.paths_for(IMPORT_PERMISSION)):
        raise PermissionDenied(IMPORT_PERMISSION)


def _too_large(request) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return True
    return length > limits.UPLOAD_MAX_BYTES


def _run_import(request, form) -> dict:
    upload = form.cleaned_data["file"]
    dry_run = form.cleaned_data["dry_run"]
    common = {"actor": request.user, "scoped": True, "dry_run": dry_run, "source": upload.name}
    if upload.import_kind == ROSTER:
        summary = import_roster(fileobj=upload, max_rows=limits.WEB_ROSTER_MAX_ROWS, **common)
    else:
        summary = import_tree_file(raw=upload.read(), **common)
    return {"summary": summary, "kind": upload.import_kind}


def _page_context() -> dict:
    return {
        "columns": COLUMNS,
        "max_mb": limits.UPLOAD_MAX_BYTES // limits.MB,
        "max_rows": limits.WEB_ROSTER_MAX_ROWS,
    }


@login_required
@csrf_exempt  # checked in _import_form, after the size check, so a huge body is never parsed
@require_http_methods(["GET", "POST"])
def import_page(request):
    """Upload a GeoJSON tree or an Excel roster; show the problems or what was imported."""
    _require_import_area(request.user)
    if request.method == "POST" and _too_large(request):
        # Refused from the declared length alone: the body is not read, so not spooled to disk.
        refused = _("The upload is larger than %(limit)d MB.") % {
            "limit": limits.UPLOAD_MAX_BYTES // limits.MB
        }
        context = {**_page_context(), "form": ImportForm(), "refused": refused}
        return render(request, "org/io/import.html", context, status=413)
    return _import_form(request)


@csrf_protect
def _import_form(request):
    context = _page_context()
    status = 200
    form = ImportForm(request.POST, request.FILES) if request.method == "POST" else ImportForm()
    if request.method == "POST" and form.is_valid():
        context["kind"] = form.cleaned_data["file"].import_kind
        try:
            context.update(_run_import(request, form))
        except FileRefused as exc:
            context["refused"] = exc.message
            status = 422
        except ImportRejected as exc:
            context["problems"] = sorted(exc.problems, key=lambda p: p.position)
            context["problem_total"] = exc.problems.total
            context["problems_omitted"] = exc.problems.omitted
            status = 422
    elif request.method == "POST":
        status = 422
    context["form"] = form
    return render(request, "org/io/import.html", context, status=status)


@login_required
@require_GET
def roster_template(request):
    """The empty roster workbook."""
    _require_import_area(request.user)
    response = HttpResponse(roster_template_bytes(), content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, "roster-template.xlsx")
    return response


@login_required
@require_GET
def export_geojson(request):
    """The tree the user may see (or the subtree at ``?root=CODE``) as GeoJSON."""
    code = request.GET.get("root", "").strip()
    scope = access.user_scope(request.user)
    if code:
        node = Node.objects.filter(code=code).first()
        if node is None or not access.can(request.user, "org.view_node", node):
            raise Http404
        roots = [node]
    elif scope.is_global:
        roots = list(Node.objects.get_root_nodes())
    else:
        roots = roots_for_paths(scope.paths_for("org.view_node"))
        if not roots:
            raise PermissionDenied("org.view_node")
    response = StreamingHttpResponse(
        iter_geojson_text(roots), content_type="application/geo+json; charset=utf-8"
    )
    response["Content-Disposition"] = content_disposition_header(True, f"{code or 'tree'}.geojson")
    return response
