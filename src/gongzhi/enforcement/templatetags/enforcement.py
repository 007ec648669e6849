from django import template

from gongzhi.enforcement.selectors.records import timeline_label

register = template.Library()


@register.filter
def audit_label(action: str) -> str:
    """The words for an audit code on a record's timeline."""
    return timeline_label(action)
