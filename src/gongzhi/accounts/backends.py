"""The authentication backends.

``LoginFailureBackend``: django-axes in front of the password check, tolerant of calls without
a request. Axes refuses ``authenticate()`` calls that carry no request; Django's test client and
some management paths make such calls. Those cannot come from the network, so they pass
through; every sign-in through a page (ours and the admin's) carries its request and is counted.

``PersonModelBackend``: Django's model backend, loading the signed-in user of each request
together with the person behind the login, in the one query the session costs anyway — every
signed-in page names its user (``org.names.display_name``) and would otherwise read the person
in a query of its own.
"""

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class LoginFailureBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PersonModelBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        try:
            user = model._default_manager.select_related("person").get(pk=user_id)
        except model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
