from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get_item(row, key):
    """A drill-down row's cell: yes/no for flags, empty for nothing."""
    value = row.get(key)
    if value is True:
        return _("yes")
    if value is False:
        return _("no")
    return "" if value is None else value
