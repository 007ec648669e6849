"""Template filters of the case pages: {% load cases %}."""

from django import template
from django.urls import reverse

from gongzhi.cases import disclosure
from gongzhi.cases.selectors import event_label
from gongzhi.cases.selectors.public import PUBLIC_NOTES

register = template.Library()


@register.filter
def event_text(event) -> str:
    """The words for a timeline entry."""
    return event_label(event)


@register.filter
def public_note(event) -> str:
    """A timeline note the reporter and the public may read (a rejection's reason, the
    resolution), scrubbed of people's data, else nothing. The event's case is the one its
    timeline was prefetched from (no query)."""
    if event.action not in PUBLIC_NOTES or not event.note:
        return ""
    return disclosure.public_text(event.case, event.note)


@register.filter
def public_summary(case) -> str:
    """The case's first words as the public may read them."""
    return disclosure.public_summary(case)


@register.filter
def photo_url(photo, size="thumb") -> str:
    return reverse("cases:photo", args=[photo.pk, size])


@register.filter
def answer_text(answer) -> str:
    """An answer as words: choice keys shown by their labels, lists joined."""
    question = answer.question
    labels = {
        str(c.get("key")): str(c.get("label") or c.get("key"))
        for c in question.choices or []
        if isinstance(c, dict)
    }
    values = answer.value if isinstance(answer.value, list) else [answer.value]
    return ", ".join(labels.get(str(v), str(v)) for v in values)
