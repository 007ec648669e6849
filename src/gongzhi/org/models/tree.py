"""The org tree: district → street → community → grid → microgrid → building."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node, MP_NodeManager, MP_NodeQuerySet

from gongzhi.org.choices import LEVEL_ORDER, Level


class NodeQuerySet(MP_NodeQuerySet):
    def subtree_of(self, node, include_self=True):
        qs = self.filter(path__startswith=node.path)
        return qs if include_self else qs.exclude(pk=node.pk)

    def ancestors_of(self, node, include_self=False):
        paths = [node.path[: i * node.steplen] for i in range(1, node.depth + int(include_self))]
        return self.filter(path__in=paths).order_by("depth")

    def with_boundary(self):
        return self.exclude(boundary__isnull=True)


class NodeManager(MP_NodeManager.from_queryset(NodeQuerySet)):
    def get_queryset(self):
        return NodeQuerySet(self.model, using=self._db).order_by("path")


class Node(MP_Node):
    """A place in the org tree, with its boundary and its counts.

    The materialised path (``path``, from django-treebeard) makes a subtree one ``LIKE 'p%'``
    query and the ancestors one ``IN`` query. The boundary is GeoJSON in WGS84; the bounding box
    is kept beside it for cheap filtering.
    """

    steplen = 4

    level = models.CharField(_("level"), max_length=16, choices=Level.choices, db_index=True)
    name = models.CharField(_("name"), max_length=100)
    code = models.CharField(_("code"), max_length=64, unique=True)
    boundary = models.JSONField(_("boundary"), null=True, blank=True)
    min_lon = models.FloatField(null=True, blank=True, editable=False)
    min_lat = models.FloatField(null=True, blank=True, editable=False)
    max_lon = models.FloatField(null=True, blank=True, editable=False)
    max_lat = models.FloatField(null=True, blank=True, editable=False)
    household_count = models.PositiveIntegerField(_("households"), default=0)
    population = models.PositiveIntegerField(_("population"), default=0)
    description = models.TextField(_("description"), blank=True)

    objects = NodeManager()

    class Meta:
        verbose_name = _("node")
        verbose_name_plural = _("nodes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("org:node_detail", args=[self.code])

    @property
    def level_rank(self) -> int:
        return LEVEL_ORDER.index(self.level)

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if self.min_lon is None:
            return None
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)

    def covers_path(self, path: str) -> bool:
        """True when ``path`` is this node or lies below it."""
        return path.startswith(self.path)

    def ancestors(self, include_self=False):
        return Node.objects.ancestors_of(self, include_self=include_self)

    def subtree(self, include_self=True):
        return Node.objects.subtree_of(self, include_self=include_self)

    def path_names(self) -> list[str]:
        return [n.name for n in self.ancestors(include_self=True)]


class BoundaryStamp(models.Model):
    """A single row whose version changes whenever any boundary changes.

    Each process keeps its point→grid index with the version it was built from and rebuilds it
    when the version in the database differs.
    """

    version = models.PositiveBigIntegerField(default=0)
    changed_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("boundary version")
        verbose_name_plural = _("boundary versions")

    def __str__(self):
        return f"v{self.version}"
