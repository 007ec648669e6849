"""Settings of the benchmark server: the product's, plus one bare view to compare against."""

from gongzhi.settings import *  # noqa: F403

ROOT_URLCONF = "bench._urls"
