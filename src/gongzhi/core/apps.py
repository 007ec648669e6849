from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "gongzhi.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        import datetime as dt

        from gongzhi.core.images.orphans import sweep_job
        from gongzhi.core.jobs import register_job

        register_job(
            "core.remove_orphaned_media",
            sweep_job,
            every=dt.timedelta(days=1),
            description=_("Remove media files no row references and expired uploads"),
        )
