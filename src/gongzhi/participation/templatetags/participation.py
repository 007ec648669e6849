from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    """``{{ errors|get:"title" }}``: a dict entry by a variable key."""
    try:
        return mapping.get(key)
    except AttributeError:
        return None


@register.filter
def pct(value):
    """A 0–1 share as a whole percent, or "—"."""
    if value is None:
        return "—"
    return f"{round(value * 100)}%"
