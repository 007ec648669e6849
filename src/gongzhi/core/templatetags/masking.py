"""Template filters for public display: {{ person.phone|mask_phone }}."""

from django import template

from gongzhi.core import masking

register = template.Library()

register.filter("mask_phone", masking.mask_phone)
register.filter("mask_id_number", masking.mask_id_number)
register.filter("mask_name", masking.mask_name)
register.filter("mask_address", masking.mask_address)
