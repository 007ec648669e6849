"""Public transparency pages: every figure computed from the ledger at request time and every
piece of people's data passed through the scrubber (``gongzhi.core.scrub``)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from gongzhi.charity import selectors
from gongzhi.charity.choices import PUBLIC_DRIVE_STATES
from gongzhi.charity.forms import VerifyForm
from gongzhi.charity.models import Acknowledgement
from gongzhi.charity.ratelimit import allow
from gongzhi.core.scrub import public_address, public_name, scrub_text
from gongzhi.org.choices import Level
from gongzhi.org.models import Node


def donor_for_public(pledge) -> str:
    """Anonymous donors stay anonymous; organisations by name; people masked (张*明)."""
    if pledge.is_anonymous:
        return _("An anonymous donor")
    if pledge.donor_organisation_id:
        return pledge.donor_organisation.name
    return public_name(pledge.donor_name)


def _delivery_rows(drive_ids, names):
    rows = []
    for delivery in selectors.public_deliveries(drive_ids):
        rows.append(
            {
                "date": delivery.scheduled_on,
                "drive": delivery.drive,
                "recipient": scrub_text(selectors.recipient_for_public(delivery), names=names),
                "items": [
                    (i.item_kind.name, i.quantity, i.item_kind.unit) for i in delivery.items.all()
                ],
            }
        )
    return rows


def _private_names(drive) -> list[str]:
    """Names that must not appear in the drive's public free text."""
    from gongzhi.charity.models import Delivery, Pledge

    names = set(Pledge.objects.filter(drive=drive).values_list("donor_name", flat=True)) | set(
        Delivery.objects.filter(drive=drive, public_name_consent=False).values_list(
            "recipient_name", flat=True
        )
    )
    names |= set(
        Delivery.objects.filter(drive=drive, assistance_file__isnull=False).values_list(
            "assistance_file__subject_name", flat=True
        )
    )
    return [n for n in names if n]


def index(request):
    """The public charity page: communities with public drives, the drives themselves."""
    drives = list(selectors.public_drives()[:50])
    communities = (
        Node.objects.filter(level=Level.COMMUNITY, charity_drives__state__in=PUBLIC_DRIVE_STATES)
        .distinct()
        .order_by("path")
    )
    return render(
        request, "charity/public_index.html", {"drives": drives, "communities": communities}
    )


def drive_page(request, pk: int):
    """A drive's transparency page: goal vs received per item kind, who gave (as they wish),
    what went to whom (as consented), what is left."""
    drive = selectors.public_drive(pk)
    if drive is None:
        raise Http404
    names = _private_names(drive)
    figures = selectors.drive_figures(drive)
    donors = [donor_for_public(p) for p in selectors.public_donors(drive)]
    return render(
        request,
        "charity/drive_public.html",
        {
            "drive": drive,
            "purpose": scrub_text(drive.purpose, names=names),
            "beneficiaries": scrub_text(drive.beneficiary_description, names=names),
            "location": public_address(drive.location),
            "report": scrub_text(drive.report, names=names),
            "figures": figures,
            "totals": figures.totals(),
            "donors": donors,
            "deliveries": _delivery_rows([drive.pk], names),
        },
    )


def community_page(request, pk: int):
    """The overall page of a community's charity: every public drive added up, deliveries and
    the stories that consent allows (under a pseudonym unless consent names the person)."""
    community = get_object_or_404(Node, pk=pk, level=Level.COMMUNITY)
    totals = selectors.community_totals(community)
    stories = []
    for file in selectors.public_stories(community):
        name_hidden = [file.subject_name] if file.public_name != file.subject_name else []
        stories.append(
            {
                "name": file.public_name,
                "categories": selectors.category_labels(file.categories),
                "since": file.opened_on,
                "organisation": file.organisation.name if file.organisation_id else "",
                "visits": [
                    {
                        "date": v.visited_on,
                        "kind": v.get_kind_display(),
                        "note": scrub_text(v.note, names=name_hidden),
                        "support": scrub_text(v.support, names=name_hidden),
                    }
                    for v in file.public_visits[:12]
                ],
            }
        )
    drive_ids = [d.pk for d in totals["drives"]]
    return render(
        request,
        "charity/community_public.html",
        {
            "community": community,
            "totals": totals,
            "stories": stories,
            "deliveries": _delivery_rows(drive_ids, [])[:30],
        },
    )


def verify(request):
    """Check a donor acknowledgement by its number and check code (rate-limited)."""
    form = VerifyForm(request.GET or None)
    found = None
    checked = False
    limited = False
    if form.is_bound and form.is_valid():
        if not allow(request, "verify"):
            limited = True
        else:
            checked = True
            number = form.cleaned_data["number"].strip().upper()
            code = form.cleaned_data["code"].strip().upper()
            ack = (
                Acknowledgement.objects.select_related(
                    "pledge", "pledge__drive", "pledge__donor_organisation"
                )
                .filter(number=number)
                .first()
            )
            if ack is not None and ack.check_code == code:
                found = {
                    "number": ack.number,
                    "issued_at": ack.issued_at,
                    "drive": ack.pledge.drive,
                    "donor": donor_for_public(ack.pledge),
                    "items": ack.snapshot.get("items", []),
                    "cash_amount": ack.snapshot.get("cash_amount"),
                }
    status = 429 if limited else 200
    return render(
        request,
        "charity/verify.html",
        {"form": form, "found": found, "checked": checked, "limited": limited},
        status=status,
    )
