import re
from collections import Counter

from django.db.models import Count

from gongzhi.org.choices import PartyMemberKind, PartyOrgKind
from gongzhi.org.demo import places
from gongzhi.org.demo.names import id_check_digit, id_gender
from gongzhi.org.models import Household, HubHousehold, Node, PartyOrg, Person


def _residents():
    xinsheng = Node.objects.get(code=places.XINSHENG_CODE)
    return Person.objects.filter(node__path__startswith=xinsheng.path, household__isnull=False)


def test_id_check_digit_matches_known_examples():
    # GB 11643's worked example and one ending in X.
    assert id_check_digit("11010519491231002") == "X"
    assert id_check_digit("44052418800101001") == "4"


def test_residents_are_a_few_thousand_in_about_a_thousand_households(demo_db):
    people = _residents().count()
    households = Household.objects.filter(building__code__startswith=places.XINSHENG_CODE)
    assert 1500 <= people <= 4000
    assert 500 <= households.count() <= 1500
    sizes = Counter(households.annotate(n=Count("members")).values_list("n", flat=True))
    assert set(sizes) <= {1, 2, 3, 4, 5}


def test_id_numbers_are_valid_unique_and_agree_with_gender_and_birth_date(demo_db):
    seen = set()
    for person in _residents():
        number = person.id_number
        assert re.fullmatch(r"320602\d{11}[\dX]", number), number
        assert id_check_digit(number[:17]) == number[17]
        assert number[6:14] == person.birth_date.strftime("%Y%m%d")
        assert id_gender(number) == person.gender
        assert number not in seen
        seen.add(number)


def test_phones_are_mainland_mobiles_and_unique(demo_db):
    phones = [p.phone for p in _residents() if p.phone]
    assert phones and len(phones) == len(set(phones))
    assert all(re.fullmatch(r"1[358]\d{9}", phone) for phone in phones)


def test_party_members_of_all_four_kinds_live_in_the_compound(demo_db):
    kinds = Counter(
        _residents().exclude(party_member_kind="").values_list("party_member_kind", flat=True)
    )
    assert set(kinds) == set(PartyMemberKind.values)
    assert all(count >= 5 for count in kinds.values())


def test_party_tree_mirrors_the_grid_tree(demo_db):
    xinsheng = Node.objects.get(code=places.XINSHENG_CODE)
    committee = PartyOrg.objects.get(node=xinsheng)
    assert (committee.kind, committee.name) == (PartyOrgKind.COMMITTEE, "新胜社区党委")
    assert committee.secretary.user.username == "shequ"
    branches = PartyOrg.objects.filter(node__in=Node.objects.get_children(xinsheng))
    assert sorted(b.name for b in branches) == sorted(
        f"{places.grid_name(n)}党支部" for n in range(1, 7)
    )
    assert all(b.kind == PartyOrgKind.BRANCH and b.secretary.is_party_member for b in branches)
    groups = PartyOrg.objects.filter(node__path__startswith=xinsheng.path, kind=PartyOrgKind.GROUP)
    assert groups.count() == 72
    assert all(g.node.level == "microgrid" for g in groups.select_related("node"))


def test_one_hub_household_per_microgrid_looks_after_five_to_ten_neighbours(demo_db):
    hubs = HubHousehold.objects.select_related("household__building", "member", "group__node")
    assert hubs.count() == 72
    assert len({hub.group_id for hub in hubs}) == 72
    for hub in hubs:
        assert hub.member.household_id == hub.household_id
        assert hub.member.is_party_member
        assert hub.group.secretary_id == hub.member_id
        assert hub.household.building.path.startswith(hub.group.node.path)
        looked_after = list(hub.looked_after.select_related("building"))
        assert 5 <= len(looked_after) <= 10
        assert all(h.building.path.startswith(hub.group.node.path) for h in looked_after)
        assert hub.household not in looked_after


def test_fast_path_audits_residents_exactly_like_the_services(demo_db):
    from gongzhi.core.models import AuditEntry
    from gongzhi.org.services import household_create, person_create

    demo_person = _residents().select_related("household__building", "node").first()
    building = demo_person.household.building
    household = household_create(building=building, unit="9单元901室")
    person = person_create(household=household, name="测试")
    for obj, twin, action in (
        (demo_person.household, household, "org.household.created"),
        (demo_person, person, "org.person.created"),
    ):
        demo_entry = AuditEntry.objects.for_object(obj).get(action=action)
        service_entry = AuditEntry.objects.for_object(twin).get(action=action)
        assert demo_entry.data.keys() == service_entry.data.keys()
        assert demo_entry.data["new"].keys() == service_entry.data["new"].keys()
    assert AuditEntry.objects.for_object(demo_person).get().data["new"] == {
        "node": building.code,
        "household": demo_person.household_id,
    }
