import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from gongzhi.charity.choices import BeneficiaryKind, ConsentScope, OrganisationKind
from gongzhi.charity.services import (
    assistance_file_open,
    delivery_create,
    drive_create,
    drive_open,
    item_kind_get_or_create,
    organisation_create,
    place_create,
    pledge_create,
    pledge_receive,
)
from gongzhi.org.roles import Role
from gongzhi.org.services import person_create, role_assign


@pytest.fixture
def community(small_tree):
    return small_tree["community"]


@pytest.fixture
def staff(make_user, community):
    user = make_user("staff")
    role_assign(user=user, role=Role.STAFF, node=community)
    return user


@pytest.fixture
def officer(make_user, community):
    user = make_user("officer")
    role_assign(user=user, role=Role.CHARITY_OFFICER, node=community)
    return user


@pytest.fixture
def kinds(db):
    return {
        "notebook": item_kind_get_or_create(name="笔记本", unit="本"),
        "bag": item_kind_get_or_create(name="书包", unit="个"),
        "stationery": item_kind_get_or_create(name="文具", unit="套"),
    }


@pytest.fixture
def organisation(community):
    return organisation_create(
        node=community,
        name="石榴籽爱心公社",
        kind=OrganisationKind.SOCIAL_ORGANISATION,
        contact_name="马老师",
        contact_phone="13812345678",
    )


@pytest.fixture
def place(community):
    return place_create(node=community, name="社区爱心仓库")


@pytest.fixture
def drive(community, organisation, kinds):
    drive = drive_create(
        node=community,
        organisation=organisation,
        title="玉树助学",
        purpose="为玉树的孩子募集学习用品",
        starts_on=dt.date(2026, 7, 22),
        ends_on=dt.date(2026, 8, 31),
        cash_goal="5000",
        goals=[(kinds["notebook"], 200), (kinds["bag"], 100), (kinds["stationery"], 50)],
    )
    return drive_open(drive=drive)


@pytest.fixture
def stocked(drive, place, kinds):
    """The drive with 10 notebooks and 3 bags received at the place."""
    pledge = pledge_create(
        drive=drive, donor_name="张三", items=[(kinds["notebook"], 10), (kinds["bag"], 3)]
    )
    pledge_receive(pledge=pledge, place=place)
    return drive


@pytest.fixture
def make_delivery(stocked, place, community, kinds):
    def make(quantity=1, kind="notebook", **extra):
        values = {
            "drive": stocked,
            "place": place,
            "beneficiary_kind": BeneficiaryKind.SCHOOL,
            "recipient_name": "玉树州第一民族小学",
            "node": community,
            "scheduled_on": dt.date(2026, 8, 10),
            "items": [(kinds[kind], quantity)],
        }
        values.update(extra)
        return delivery_create(**values)

    return make


@pytest.fixture
def caseworker(make_user, community):
    user = make_user("caseworker")
    role_assign(user=user, role=Role.STAFF, node=community)
    return user


@pytest.fixture
def assistance_file(community, caseworker, small_tree):
    child = person_create(node=small_tree["b1"], name="阿依古丽")
    return assistance_file_open(
        node=community,
        person=child,
        subject_name="阿依古丽",
        pseudonym="小石榴",
        categories=["child"],
        reason="父亲病故，母亲务工，需长期学业帮扶。",
        caseworker=caseworker,
        opened_on=dt.date(2021, 9, 1),
        consent_scope=ConsentScope.PSEUDONYM,
        consent_on=dt.date(2021, 9, 1),
        consent_by="母亲",
        sensitive={
            "id_number": "320602201405061234",
            "health": "哮喘",
            "income": "家庭月收入约2000元",
            "exact_address": "观河华府5幢2单元301室",
            "school": "新胜小学四年级",
        },
    )


def jpeg_bytes(color=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def photo():
    return SimpleUploadedFile("sign.jpg", jpeg_bytes(), content_type="image/jpeg")
