"""Permission codes of the API app."""

from gongzhi.org.roles import Role, register_permissions

MANAGE_KEYS = "api.manage_keys"
MANAGE_WEBHOOKS = "api.manage_webhooks"

# Codes an API key may carry (besides the domain apps' own codes, e.g. cases.report).
KEY_PERMISSIONS = {
    "org.view_node",
    "org.view_party",
    "org.view_person",
}


def register() -> None:
    register_permissions(
        {
            Role.STAFF: {MANAGE_WEBHOOKS},
            Role.SUPERVISOR: {MANAGE_WEBHOOKS},
        }
    )
