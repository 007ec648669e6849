"""The phone page of the volunteer doing a delivery: what to carry to whom, the recipient's
sign-off with a photo taken on the spot, proof photos, and marking it delivered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gongzhi.charity import services
from gongzhi.charity.choices import DeliveryState
from gongzhi.charity.forms import PhotoForm, SignOffForm
from gongzhi.charity.views.common import add_form_errors, delivery_for, refuse


@login_required
def delivery_phone(request, pk: int):
    delivery = delivery_for(request, pk)
    form = SignOffForm()
    if request.method == "POST":
        form = SignOffForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.delivery_sign_off(
                    delivery=delivery,
                    signed_by_name=form.cleaned_data["signed_by_name"],
                    sign_mark=form.cleaned_data["sign_mark"],
                    photo=form.cleaned_data["photo"],
                    actor=request.user,
                )
            except (ValidationError, PermissionDenied) as exc:
                if isinstance(exc, PermissionDenied):
                    raise Http404 from exc
                add_form_errors(form, exc)
            else:
                messages.success(request, _("Sign-off recorded."))
                return redirect("charity:delivery_phone", delivery.pk)
    return render(
        request,
        "charity/delivery_phone.html",
        {
            "delivery": delivery,
            "items": delivery.items.select_related("item_kind"),
            "photos": delivery.photos.all(),
            "volunteers": delivery.volunteers.all(),
            "form": form,
            "photo_form": PhotoForm(),
            "can_sign": delivery.state == DeliveryState.PLANNED,
            "can_complete": delivery.state == DeliveryState.SIGNED,
        },
    )


@login_required
@require_POST
def delivery_photo(request, pk: int):
    delivery = delivery_for(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a photo."))
        return redirect("charity:delivery_phone", delivery.pk)
    try:
        services.delivery_add_photo(
            delivery=delivery, photo=form.cleaned_data["photo"], actor=request.user
        )
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:delivery_phone", delivery.pk)
    messages.success(request, _("Photo added."))
    return redirect("charity:delivery_phone", delivery.pk)


@login_required
@require_POST
def delivery_complete(request, pk: int):
    delivery = delivery_for(request, pk)
    try:
        services.delivery_complete(delivery=delivery, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:delivery_phone", delivery.pk)
    messages.success(request, _("Marked as delivered. Thank you!"))
    return redirect("charity:delivery_phone", delivery.pk)


@login_required
@require_POST
def delivery_cancel(request, pk: int):
    delivery = delivery_for(request, pk)
    try:
        services.delivery_cancel(
            delivery=delivery, reason=request.POST.get("reason", ""), actor=request.user
        )
    except (ValidationError, PermissionDenied) as exc:
        return refuse(request, exc, "charity:delivery_phone", delivery.pk)
    messages.success(request, _("Delivery cancelled; the goods are back in stock."))
    return redirect("charity:drive_staff", delivery.drive_id)


@login_required
def delivery_photo_file(request, pk: int, photo_pk: int):
    """A delivery photo, for those who may work on the delivery (never public)."""
    delivery = delivery_for(request, pk)
    picture = delivery.photos.filter(pk=photo_pk).first()
    if picture is None:
        raise Http404
    return FileResponse(picture.image.open("rb"))
