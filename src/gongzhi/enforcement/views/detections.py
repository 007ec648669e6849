"""Detections awaiting verification: verify into a case and a record, or reject."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongzhi.enforcement import forms, services
from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.choices import DetectionState
from gongzhi.enforcement.selectors import patrols as selectors
from gongzhi.enforcement.services.common import is_allowed
from gongzhi.enforcement.views.common import run_service


@login_required
@require_GET
def detection_list(request):
    state = request.GET.get("state", DetectionState.PENDING)
    if state not in {"", *DetectionState.values}:
        state = DetectionState.PENDING
    detections = list(selectors.detections_for(request.user, state=state)[:200])
    return render(
        request,
        "enforcement/detection_list.html",
        {"detections": detections, "state": state, "states": DetectionState.choices},
    )


@login_required
def detection_detail(request, pk):
    detection = selectors.detection_for(request.user, pk)
    may_review = is_allowed(request.user, perms.VERIFY_DETECTION, detection.node)
    verify = forms.VerifyForm(prefix="verify")
    reject = forms.RejectForm(prefix="reject")
    if request.method == "POST":
        if not may_review:
            raise PermissionDenied
        if "verify-address" in request.POST:
            verify = forms.VerifyForm(request.POST, prefix="verify")
            if verify.is_valid():
                data = verify.cleaned_data
                record = run_service(
                    request,
                    verify,
                    lambda: services.detection_verify(
                        detection=detection,
                        actor=request.user,
                        structure_type=data["structure_type"],
                        area_found=data["area_found"],
                        address=data["address"],
                        party_name=data["party_name"],
                        description=data["description"],
                    ),
                )
                if record is not None:
                    messages.success(
                        request, _("Verified: record %(ref)s opened.") % {"ref": record}
                    )
                    return redirect("enforcement:record_detail", pk=record.pk)
        else:
            reject = forms.RejectForm(request.POST, prefix="reject")
            if reject.is_valid() and run_service(
                request,
                reject,
                lambda: services.detection_reject(
                    detection=detection, actor=request.user, reason=reject.cleaned_data["reason"]
                ),
            ):
                messages.success(request, _("Detection rejected."))
                return redirect("enforcement:detection_list")
    status = 400 if (verify.errors or reject.errors) else 200
    return render(
        request,
        "enforcement/detection_detail.html",
        {
            "detection": detection,
            "may_review": may_review and detection.state == DetectionState.PENDING,
            "verify": verify,
            "reject": reject,
        },
        status=status,
    )


@login_required
@require_GET
def detection_image(request, pk):
    detection = selectors.detection_for(request.user, pk)
    if not detection.image:
        raise Http404
    response = FileResponse(detection.image.open("rb"), content_type="image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    return response
