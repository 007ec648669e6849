"""An ID number is checked when given, and belongs to one person at most."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gongzhi.org.models import Person
from gongzhi.org.services import person_create, person_update

VALID = "32060219900101123X"


def test_a_mistyped_id_number_is_refused_on_its_field(small_tree):
    with pytest.raises(ValidationError) as caught:
        person_create(node=small_tree["b1"], name="王小明", id_number="320602199001011234")
    assert "id_number" in caught.value.message_dict
    assert not Person.objects.exists()


def test_the_same_id_number_twice_is_refused_on_its_field(small_tree):
    person_create(node=small_tree["b1"], name="王小明", id_number=VALID.lower())
    assert Person.objects.get().id_number == VALID
    with pytest.raises(ValidationError) as caught:
        person_create(node=small_tree["b2"], name="王晓明", id_number=VALID)
    assert "id_number" in caught.value.message_dict
    assert Person.objects.count() == 1


def test_many_people_may_have_no_id_number(small_tree):
    for name in ("甲某", "乙某", "丙某"):
        person_create(node=small_tree["b1"], name=name)
    assert Person.objects.filter(id_number="").count() == 3


def test_updating_to_someone_elses_id_number_is_refused(small_tree):
    person_create(node=small_tree["b1"], name="王小明", id_number=VALID)
    other = person_create(node=small_tree["b1"], name="李四")
    with pytest.raises(ValidationError):
        person_update(person=other, id_number=VALID)
    assert Person.objects.get(pk=other.pk).id_number == ""
    person_update(person=Person.objects.get(id_number=VALID), name="王小明")


def test_the_database_holds_the_rule_when_checks_are_bypassed(small_tree):
    person_create(node=small_tree["b1"], name="王小明", id_number=VALID)
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.create(node=small_tree["b2"], name="王晓明", id_number=VALID)
