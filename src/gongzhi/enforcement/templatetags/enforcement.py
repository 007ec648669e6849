from django import template

from gongzhi.enforcement.selectors.records import timeline_label

register = template.Library()


@register.filter
def audit_label(action: str) -> str:
    """The words for an audit code on a record's timeline."""
    return timeline_label(action)


@register.filter
def due(moment) -> str:
    """A deadline for people: a limit that runs out at midnight reads as the end of that day."""
    import datetime as dt

    from django.utils import timezone
    from django.utils.translation import gettext as _

    if not moment:
        return ""
    local = timezone.localtime(moment)
    if local.time() == dt.time.min:
        day = (local - dt.timedelta(days=1)).date()
        return _("%(date)s, end of day") % {"date": day.isoformat()}
    return local.strftime("%Y-%m-%d %H:%M")
