"""Authentication for the platform API: a session, or an API key in ``X-API-Key``."""

from ninja.security import APIKeyHeader, SessionAuth

from gongzhi.api.keys import act_as_key, authenticate_key


class ApiKeyAuth(APIKeyHeader):
    param_name = "X-API-Key"

    def authenticate(self, request, key):
        found = authenticate_key(key)
        if found is None:
            return None
        act_as_key(request, found)
        return found


class SessionUserAuth(SessionAuth):
    """A logged-in user; CSRF is checked for unsafe methods."""


api_key_auth = ApiKeyAuth()
session_auth = SessionUserAuth()
AUTH = [api_key_auth, session_auth]
