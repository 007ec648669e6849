"""Build the demo district: places, residents, parties, logins, the party tree, then the demo
builders other apps registered — all in one transaction, so a failure leaves nothing behind."""

from __future__ import annotations

from dataclasses import asdict

from django.db import transaction
from django.utils.translation import gettext as _

from gongzhi.org.demo import places
from gongzhi.org.demo.logins import DEFAULT_PASSWORD
from gongzhi.org.demo.nodes import write_nodes
from gongzhi.org.demo.parties import write_parties, write_partners
from gongzhi.org.demo.partytree import write_party_tree
from gongzhi.org.demo.people import write_residents
from gongzhi.org.demo.plan import make_plan
from gongzhi.org.demo.registry import demo_builders
from gongzhi.org.demo.run import DemoRun
from gongzhi.org.demo.users import write_logins


def build_demo(stdout=None, *, password: str = DEFAULT_PASSWORD) -> dict:
    """Build (or complete) the demo district; running it again creates nothing new.

    Returns ``{"district": Node, "created": {label: count}, "logins": [{username, role,
    where, password}], "password": str, "run": DemoRun}``.
    """
    plan = make_plan()
    run = DemoRun(password=password, stdout=stdout)
    with transaction.atomic():
        run.say(_("Places…"))
        nodes = write_nodes(run, plan)
        run.say(_("Residents…"))
        residents = write_residents(run, plan, nodes)
        run.say(_("Parties…"))
        parties = write_parties(run, nodes)
        write_partners(run, nodes)
        run.say(_("Logins…"))
        staff = write_logins(run, plan, nodes, residents, parties)
        run.say(_("Party tree…"))
        write_party_tree(run, plan, nodes, residents, staff)
        run.extra.update(parties=parties, staff=staff)
        for builder in demo_builders():
            run.say(f"{builder.key}…")
            builder.func(run)
    return {
        "district": nodes[places.DISTRICT_CODE],
        "created": dict(run.created),
        "logins": [asdict(login) for login in run.logins],
        "notes": [str(note) for note in run.extra.get("notes", [])],
        "password": password,
        "run": run,
    }
