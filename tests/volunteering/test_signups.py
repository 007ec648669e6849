from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongzhi.core.models import AuditEntry
from gongzhi.org.choices import PartyMemberKind
from gongzhi.volunteering.choices import Audience, SignupState
from gongzhi.volunteering.models import Signup
from gongzhi.volunteering.services import activity_update, signup_cancel, signup_create


def states(activity):
    rows = Signup.objects.filter(activity=activity).order_by("signed_up_at", "id")
    return [(s.person.name, s.state) for s in rows]


def test_sign_up_takes_a_free_place(make_activity, make_person):
    activity = make_activity()
    person = make_person("张三")
    signup = signup_create(activity=activity, person=person, actor=person.user)
    assert signup.state == SignupState.CONFIRMED
    assert AuditEntry.objects.for_object(signup).get().action == "volunteering.signup.created"


def test_full_activity_puts_people_on_the_waiting_list(make_activity, make_person, now):
    activity = make_activity(capacity=2)
    people = [make_person(name) for name in ("甲", "乙", "丙", "丁")]
    for minutes, person in enumerate(people):
        signup_create(activity=activity, person=person, at=now + timedelta(minutes=minutes))
    assert states(activity) == [
        ("甲", SignupState.CONFIRMED),
        ("乙", SignupState.CONFIRMED),
        ("丙", SignupState.WAITLISTED),
        ("丁", SignupState.WAITLISTED),
    ]


def test_cancelling_promotes_the_waiting_list_in_order(make_activity, make_person, now):
    activity = make_activity(capacity=1)
    people = [make_person(name) for name in ("甲", "乙", "丙")]
    signups = [
        signup_create(activity=activity, person=p, at=now + timedelta(minutes=i))
        for i, p in enumerate(people)
    ]
    signup_cancel(signup=signups[0], actor=people[0].user)
    assert Signup.objects.get(pk=signups[1].pk).state == SignupState.CONFIRMED
    assert Signup.objects.get(pk=signups[2].pk).state == SignupState.WAITLISTED
    signup_cancel(signup=signups[1])
    assert Signup.objects.get(pk=signups[2].pk).state == SignupState.CONFIRMED
    promoted = AuditEntry.objects.filter(action="volunteering.signup.promoted")
    assert promoted.count() == 2


def test_cancelling_a_waiting_place_promotes_nobody(make_activity, make_person, now):
    activity = make_activity(capacity=1)
    first, second, third = (make_person(n) for n in ("甲", "乙", "丙"))
    signup_create(activity=activity, person=first, at=now)
    waiting = signup_create(activity=activity, person=second, at=now + timedelta(minutes=1))
    signup_create(activity=activity, person=third, at=now + timedelta(minutes=2))
    signup_cancel(signup=waiting)
    assert states(activity) == [
        ("甲", SignupState.CONFIRMED),
        ("乙", SignupState.CANCELLED),
        ("丙", SignupState.WAITLISTED),
    ]


def test_signing_up_again_goes_to_the_back_of_the_queue(make_activity, make_person, now):
    activity = make_activity(capacity=1)
    first, second = make_person("甲"), make_person("乙")
    mine = signup_create(activity=activity, person=first, at=now)
    signup_create(activity=activity, person=second, at=now + timedelta(minutes=1))
    signup_cancel(signup=mine, at=now + timedelta(minutes=2))
    again = signup_create(activity=activity, person=first, at=now + timedelta(minutes=3))
    assert again.pk == mine.pk
    assert again.state == SignupState.WAITLISTED


def test_signing_up_twice_is_refused(make_activity, make_person):
    activity = make_activity()
    person = make_person()
    signup_create(activity=activity, person=person)
    with pytest.raises(ValidationError, match="already signed up"):
        signup_create(activity=activity, person=person)


def test_sign_up_outside_the_window_is_refused(make_activity, make_person, now):
    activity = make_activity(signup_closes_at=now + timedelta(minutes=5))
    with pytest.raises(ValidationError, match="closed"):
        signup_create(activity=activity, person=make_person(), at=now + timedelta(minutes=10))
    with pytest.raises(ValidationError, match="opens"):
        signup_create(activity=activity, person=make_person(), at=now - timedelta(days=2))


def test_draft_activity_takes_no_sign_ups(make_activity, make_person):
    activity = make_activity(publish=False)
    with pytest.raises(ValidationError, match="not open"):
        signup_create(activity=activity, person=make_person())


def test_audience_limits_who_may_sign_up(make_activity, make_person, small_tree):
    party_only = make_activity(audience=Audience.PARTY_MEMBERS)
    with pytest.raises(ValidationError, match="party members"):
        signup_create(activity=party_only, person=make_person())
    member = make_person(party_member_kind=PartyMemberKind.RETIRED)
    assert signup_create(activity=party_only, person=member).state == SignupState.CONFIRMED
    grid_only = make_activity(audience=Audience.RESIDENTS, node=small_tree["grid1"])
    with pytest.raises(ValidationError, match="residents"):
        signup_create(activity=grid_only, person=make_person(node=small_tree["b2"]))
    team_only = make_activity(audience=Audience.TEAM_MEMBERS)
    with pytest.raises(ValidationError, match="members of"):
        signup_create(activity=team_only, person=make_person())


def test_nobody_signs_up_someone_else(make_activity, make_person):
    activity = make_activity()
    me, other = make_person("甲"), make_person("乙")
    with pytest.raises(PermissionDenied):
        signup_create(activity=activity, person=other, actor=me.user)


def test_leader_may_sign_someone_up(make_activity, make_person, leader):
    activity = make_activity()
    signup = signup_create(activity=activity, person=make_person(), actor=leader.user)
    assert signup.state == SignupState.CONFIRMED


def test_more_places_promote_the_waiting_list(make_activity, make_person, now):
    activity = make_activity(capacity=1)
    for i, name in enumerate(("甲", "乙", "丙")):
        signup_create(activity=activity, person=make_person(name), at=now + timedelta(minutes=i))
    activity_update(activity=activity, capacity=2)
    assert [s for _n, s in states(activity)] == [
        SignupState.CONFIRMED,
        SignupState.CONFIRMED,
        SignupState.WAITLISTED,
    ]


def test_places_cannot_drop_below_confirmed(make_activity, make_person):
    activity = make_activity(capacity=2)
    signup_create(activity=activity, person=make_person("甲"))
    signup_create(activity=activity, person=make_person("乙"))
    with pytest.raises(ValidationError) as info:
        activity_update(activity=activity, capacity=1)
    assert "capacity" in info.value.message_dict


def test_cancel_after_start_is_refused(make_activity, make_person, now):
    activity = make_activity()
    signup = signup_create(activity=activity, person=make_person())
    with pytest.raises(ValidationError, match="started"):
        signup_cancel(signup=signup, at=activity.starts_at + timedelta(minutes=1))
