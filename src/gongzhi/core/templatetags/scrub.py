"""Template filters that pass people's data through the one scrubber (``gongzhi.core.scrub``):
``{{ case.description|scrub }}``, ``{{ case.address|public_address }}``,
``{{ person.name|public_name }}``, ``{{ person.phone|public_phone }}``."""

from django import template

from gongzhi.core import scrub as scrubber

register = template.Library()


@register.filter("scrub")
def scrub_filter(text, names=""):
    """Free text for the public; ``names`` may be a comma-separated string or a list."""
    if isinstance(names, str):
        names = [n for n in names.split(",") if n]
    return scrubber.scrub_text(text, names=names or ())


register.filter("public_address", scrubber.public_address)
register.filter("public_name", scrubber.public_name)
register.filter("public_phone", scrubber.public_phone)
