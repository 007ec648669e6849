"""``{% load people %}``: ``{{ user|display_name }}`` on staff pages, ``{{ user|public_display_name }}``
on public ones (gongzhi.org.names)."""

from django import template

from gongzhi.org import names

register = template.Library()

register.filter("display_name", names.display_name)
register.filter("public_display_name", names.public_display_name)
