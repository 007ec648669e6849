"""gongzhi apikey create --name NAME [--node CODE] [--perm CODE ...] | list | revoke NAME"""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongzhi.api.keys import apikey_create, apikey_revoke
from gongzhi.api.models import ApiKey
from gongzhi.org.models import Node, Party

DEFAULT_PERMISSIONS = [
    "org.view_node",
    "org.view_party",
    "cases.report",
    "cases.view",
    "cases.comment",
]


class Command(BaseCommand):
    help = "Create, list or revoke API keys. A new key is printed once and never stored."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="create a key and print it once")
        create.add_argument("--name", required=True)
        create.add_argument("--node", help="code of the node the key is scoped to")
        create.add_argument(
            "--party", type=int, help="id of the party (department) the key acts for"
        )
        create.add_argument(
            "--perm",
            action="append",
            dest="perms",
            help=f"a permission code (repeatable); default: {' '.join(DEFAULT_PERMISSIONS)}",
        )
        sub.add_parser("list", help="list keys")
        revoke = sub.add_parser("revoke", help="revoke a key by name")
        revoke.add_argument("name")

    def handle(self, *args, action, **options):
        if action == "create":
            node = None
            if options.get("node"):
                node = Node.objects.filter(code=options["node"]).first()
                if node is None:
                    raise CommandError(f"No node with code {options['node']!r}.")
            party = None
            if options.get("party"):
                party = Party.objects.filter(pk=options["party"]).first()
                if party is None:
                    raise CommandError(f"No party with id {options['party']}.")
            try:
                key, plain = apikey_create(
                    name=options["name"],
                    node=node,
                    party=party,
                    permissions=options.get("perms") or DEFAULT_PERMISSIONS,
                )
            except ValidationError as exc:
                raise CommandError("; ".join(exc.messages)) from exc
            self.stdout.write(plain)
            self.stderr.write(f"Key {key.name!r} created; store it now, it is not shown again.")
        elif action == "list":
            for key in ApiKey.objects.select_related("node"):
                state = "revoked" if key.revoked_at else "active"
                scope = key.node.code if key.node else "*"
                self.stdout.write(
                    f"{key.name}\t{key.prefix}\t{scope}\t{state}\t{key.last_used_at or '-'}"
                )
        elif action == "revoke":
            key = ApiKey.objects.filter(name=options["name"]).first()
            if key is None:
                raise CommandError(f"No key named {options['name']!r}.")
            apikey_revoke(key=key)
            self.stdout.write(f"Revoked {key.name}.")
