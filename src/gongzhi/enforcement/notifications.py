"""The enforcement app's notification sentences, shown by the cases app's notification list.

Notifications go through ``gongzhi.cases.services.notify`` (in the site at once, e-mail after
the commit); the cases app words each notification by its verb, so the verbs used here are
added to its table once at start-up.
"""

from django.utils.translation import gettext_lazy as _

VERB_TEXT = {
    "enforcement_overdue": _("Illegal structure %(ref)s is overdue: %(step)s"),
}


def register_verbs() -> None:
    from gongzhi.cases.services import notifications

    for verb, text in VERB_TEXT.items():
        notifications.VERB_TEXT.setdefault(verb, text)
