"""django-axes in front of the password check, tolerant of calls without a request.

Axes refuses ``authenticate()`` calls that carry no request; Django's test client and some
management paths make such calls. Those cannot come from the network, so they pass through;
every sign-in through a page (ours and the admin's) carries its request and is counted.
"""

from axes.backends import AxesStandaloneBackend


class LoginFailureBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
