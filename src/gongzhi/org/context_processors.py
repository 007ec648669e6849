"""Template context for the navigation: computed only when a template asks for it."""

from django.utils.functional import SimpleLazyObject

from gongzhi.org.access import user_scope


class _OrgNav:
    def __init__(self, user):
        scope = user_scope(user)
        self.can_manage_roles = scope.is_global or bool(scope.paths_for("org.manage_roles"))


def org_nav(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"org_nav": SimpleLazyObject(lambda: _OrgNav(user))}
