"""Django admin for the org app: configuration by trusted operators.

Which admin writes go through the services and which write directly is listed in
docs/admin.md; every admin write lands in the audit log either way.
"""

from gongzhi.org.admin import parties, people, roles, tree  # noqa: F401
