"""The enforcement panel on a signed-in user's home page."""

from gongzhi.enforcement import permissions as perms
from gongzhi.enforcement.selectors.records import open_count
from gongzhi.org.access import user_scope


def home_panel(request):
    user = request.user
    scope = user_scope(user)
    if not (scope.is_global or scope.paths_for(perms.VIEW)):
        return None
    return {"counts": open_count(user)}
