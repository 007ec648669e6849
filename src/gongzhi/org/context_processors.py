"""Template context for the navigation: computed only when a template asks for it."""

from django.utils.functional import SimpleLazyObject

from gongzhi.org.delegation import manages_roles_anywhere


class _OrgNav:
    def __init__(self, user):
        self.can_manage_roles = manages_roles_anywhere(user)


def org_nav(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"org_nav": SimpleLazyObject(lambda: _OrgNav(user))}
