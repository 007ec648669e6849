"""Staff pages: webhook subscriptions and their delivery log."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gongzhi.api.models import WebhookDelivery, WebhookSubscription
from gongzhi.api.permissions import MANAGE_WEBHOOKS
from gongzhi.api.webhooks.services import subscription_create, subscription_resume
from gongzhi.org.access import get_for, user_scope
from gongzhi.org.models import Node


class SubscriptionForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100)
    url = forms.URLField(label=gettext_lazy("URL"), max_length=500, assume_scheme="https")
    node = forms.CharField(label=gettext_lazy("Node code"), max_length=64)
    events = forms.CharField(
        label=gettext_lazy("Events"),
        initial="cases.case.",
        help_text=gettext_lazy("Action-code prefixes separated by spaces, e.g. cases.case."),
    )


@login_required
def webhook_list(request):
    if not user_scope(request.user).paths_for(MANAGE_WEBHOOKS) and not request.user.is_superuser:
        raise PermissionDenied
    subscriptions = WebhookSubscription.objects.visible_to(request.user).select_related("node")
    form = SubscriptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        node = Node.objects.filter(code=form.cleaned_data["node"]).first()
        if node is None:
            form.add_error("node", _("No node has this code."))
        else:
            try:
                subscription = subscription_create(
                    name=form.cleaned_data["name"],
                    url=form.cleaned_data["url"],
                    node=node,
                    events=form.cleaned_data["events"].split(),
                    actor=request.user,
                )
            except ValidationError as exc:
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            except PermissionDenied:
                form.add_error("node", _("You may not manage webhooks for this node."))
            else:
                messages.success(
                    request,
                    _("Subscription created. Its signing secret: %(secret)s")
                    % {"secret": subscription.secret},
                )
                return redirect("webhooks:webhook_deliveries", pk=subscription.pk)
    return render(request, "api/webhook_list.html", {"subscriptions": subscriptions, "form": form})


@login_required
def webhook_deliveries(request, pk):
    subscription = get_for(request.user, WebhookSubscription, pk=pk)
    deliveries = WebhookDelivery.objects.filter(subscription=subscription).order_by("-created_at")
    page = Paginator(deliveries, 50).get_page(request.GET.get("page"))
    return render(
        request, "api/webhook_deliveries.html", {"subscription": subscription, "page": page}
    )


@login_required
@require_POST
def webhook_resume(request, pk):
    subscription = get_for(request.user, WebhookSubscription, pk=pk)
    subscription_resume(subscription=subscription, actor=request.user)
    messages.success(request, _("Subscription resumed."))
    return redirect("webhooks:webhook_deliveries", pk=subscription.pk)
