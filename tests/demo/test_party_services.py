import pytest
from django.core.exceptions import ValidationError

from gongzhi.core.models import AuditEntry
from gongzhi.org.choices import Force, PartnerKind, PartyMemberKind, PartyOrgKind
from gongzhi.org.party_services import (
    hub_household_create,
    partner_unit_create,
    party_bind,
    party_create,
    party_org_create,
)
from gongzhi.org.services import household_create, person_create


@pytest.fixture
def homes(small_tree):
    h1 = household_create(building=small_tree["b1"], unit="1单元101室")
    h2 = household_create(building=small_tree["b1"], unit="1单元102室")
    far = household_create(building=small_tree["b2"], unit="1单元101室")
    member = person_create(household=h1, name="顾建国", party_member_kind=PartyMemberKind.RETIRED)
    plain = person_create(household=h2, name="陈秀英")
    group = party_org_create(node=small_tree["b1"], kind=PartyOrgKind.GROUP, name="1幢党小组")
    return {"h1": h1, "h2": h2, "far": far, "member": member, "plain": plain, "group": group}


def test_binding_a_party_twice_keeps_one_binding_and_one_audit_entry(small_tree):
    party = party_create(name="测试物业", force=Force.PROPERTY_MANAGER)
    party_bind(party=party, node=small_tree["grid1"])
    party_bind(party=party, node=small_tree["grid1"])
    assert list(party.nodes.all()) == [small_tree["grid1"]]
    assert AuditEntry.objects.for_object(party).filter(action="org.party.bound").count() == 1


def test_party_needs_a_known_force(db):
    with pytest.raises(ValidationError) as error:
        party_create(name="无名", force="mafia")
    assert "force" in error.value.message_dict


def test_party_org_kind_must_fit_the_level(small_tree):
    with pytest.raises(ValidationError) as error:
        party_org_create(node=small_tree["grid1"], kind=PartyOrgKind.COMMITTEE, name="x")
    assert "kind" in error.value.message_dict
    branch = party_org_create(node=small_tree["grid1"], kind=PartyOrgKind.BRANCH, name="支部")
    assert AuditEntry.objects.for_object(branch).get().action == "org.party_org.created"


def test_secretary_must_be_a_party_member_of_the_node(small_tree, homes):
    with pytest.raises(ValidationError) as error:
        party_org_create(
            node=small_tree["grid2"], kind=PartyOrgKind.BRANCH, name="x", secretary=homes["member"]
        )
    assert "secretary" in error.value.message_dict
    with pytest.raises(ValidationError):
        party_org_create(
            node=small_tree["grid1"], kind=PartyOrgKind.BRANCH, name="x", secretary=homes["plain"]
        )


def test_hub_household_looks_after_neighbours_in_its_grid(homes):
    hub = hub_household_create(
        household=homes["h1"],
        member=homes["member"],
        group=homes["group"],
        looked_after=[homes["h2"]],
    )
    assert list(hub.looked_after.all()) == [homes["h2"]]
    assert AuditEntry.objects.for_object(hub).get().data["new"]["looked_after"] == [homes["h2"].pk]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"member": "plain"}, "member"),
        ({"household": "h2"}, "member"),
        ({"looked_after": ["far"]}, "looked_after"),
        ({"looked_after": ["h1"]}, "looked_after"),
    ],
)
def test_hub_household_refuses_bad_input(homes, change, field):
    args = {"household": "h1", "member": "member", "looked_after": []} | change
    with pytest.raises(ValidationError) as error:
        hub_household_create(
            household=homes[args["household"]],
            member=homes[args["member"]],
            group=homes["group"],
            looked_after=[homes[key] for key in args["looked_after"]],
        )
    assert field in error.value.message_dict


def test_partner_unit_is_validated_and_audited(small_tree):
    with pytest.raises(ValidationError) as error:
        partner_unit_create(name="x", kind="friend", node=small_tree["grid1"])
    assert "kind" in error.value.message_dict
    unit = partner_unit_create(
        name="新胜便利店", kind=PartnerKind.STREET_MERCHANT, node=small_tree["grid1"]
    )
    assert AuditEntry.objects.for_object(unit).get().data["new"]["node"] == "T-S-C-G1"
