"""Staff pages for opening an assistance file and changing its sensitive details."""

import pytest
from django.urls import reverse

from gongzhi.charity.models import AssistanceFile, SensitiveDetails
from gongzhi.core.models import AuditEntry

ID_NUMBER = "32060220140506123X"


def _form(community, worker, **overrides):
    data = {
        "node": community.pk,
        "subject_name": "马小花",
        "pseudonym": "小花",
        "categories": ["child", "dibao"],
        "reason": "母亲独自抚养，需要学业和生活帮扶。",
        "plan": "每月走访一次，寒暑假助学。",
        "caseworker": worker.pk,
        "opened_on": "2026-11-02",
        "consent_scope": "pseudonym",
        "consent_on": "2026-11-02",
        "consent_by": "母亲",
        "s-id_number": ID_NUMBER,
        "s-school": "新胜小学三年级",
    }
    data.update(overrides)
    return data


def test_the_charity_officer_opens_a_file_with_its_sensitive_details(
    client, officer, caseworker, community
):
    client.force_login(officer)
    listing = client.get(reverse("charity:file_list")).content.decode()
    assert reverse("charity:file_new") in listing
    caseworker.first_name = "玉兰"
    caseworker.last_name = "周"
    caseworker.save()
    page = client.get(reverse("charity:file_new")).content.decode()
    assert f'value="{caseworker.pk}"' in page and "玉兰" in page  # a name, not a login
    assert ">caseworker<" not in page
    answer = client.post(reverse("charity:file_new"), _form(community, caseworker))
    file = AssistanceFile.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "charity:file_detail", args=[file.pk]
    )
    assert (file.pseudonym, file.caseworker, file.node) == ("小花", caseworker, community)
    assert sorted(file.categories) == ["child", "dibao"]
    details = SensitiveDetails.objects.get(file=file)
    assert (details.id_number, details.school, details.health) == (ID_NUMBER, "新胜小学三年级", "")
    opened = AuditEntry.objects.get(action="charity.assistance.opened")
    assert ID_NUMBER not in str(opened.data)  # which fields were given, never their values
    assert opened.data["new"]["sensitive_fields"] == ["id_number", "school"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"s-id_number": "12345"}, "id_number"),
        ({"categories": []}, "categories"),
        ({"pseudonym": ""}, "pseudonym"),
        ({"consent_on": ""}, "consent_on"),
        ({"caseworker": 999999}, "caseworker"),
    ],
)
def test_bad_input_names_the_field_and_opens_nothing(
    client, officer, caseworker, community, overrides, field
):
    client.force_login(officer)
    answer = client.post(reverse("charity:file_new"), _form(community, caseworker, **overrides))
    assert answer.status_code == 200
    form = answer.context["form"]
    sensitive = answer.context["sensitive_form"]
    assert field in form.errors or field in sensitive.errors
    assert not AssistanceFile.objects.exists()


def test_a_script_in_the_reason_is_stored_as_text_and_shown_escaped(
    client, officer, caseworker, community
):
    client.force_login(officer)
    client.post(
        reverse("charity:file_new"),
        _form(community, caseworker, reason="<script>alert(1)</script>需要帮扶"),
    )
    file = AssistanceFile.objects.get()
    body = client.get(reverse("charity:file_detail", args=[file.pk])).content.decode()
    assert "<script>alert(1)</script>" not in body and "&lt;script&gt;" in body


def test_people_without_the_permission_cannot_open_files(client, make_user, community):
    client.force_login(make_user("passer-by"))
    assert client.get(reverse("charity:file_new")).status_code == 403
    assert (
        reverse("charity:file_new") not in client.get(reverse("charity:file_list")).content.decode()
    )


def test_sensitive_details_are_changed_by_the_caseworker_and_the_form_is_an_audited_read(
    client, assistance_file, caseworker
):
    client.force_login(caseworker)
    url = reverse("charity:file_sensitive", args=[assistance_file.pk])
    page = client.get(url).content.decode()
    assert "320602201405061234" in page
    viewed = AuditEntry.objects.get(action="charity.assistance.sensitive_viewed")
    assert viewed.data["purpose"] == "edit"
    answer = client.post(
        url,
        {
            "id_number": "320602201405061234",
            "health": "哮喘，已控制",
            "income": "",
            "exact_address": "观河华府5幢2单元301室",
            "school": "新胜小学五年级",
        },
    )
    assert answer.status_code == 302
    details = SensitiveDetails.objects.get(file=assistance_file)
    assert (details.health, details.income, details.school) == (
        "哮喘，已控制",
        "",
        "新胜小学五年级",
    )
    changed = AuditEntry.objects.get(action="charity.assistance.sensitive_changed")
    assert "哮喘" not in str(changed.data)


def test_a_bad_id_number_keeps_the_old_details(client, assistance_file, caseworker):
    client.force_login(caseworker)
    url = reverse("charity:file_sensitive", args=[assistance_file.pk])
    answer = client.post(url, {"id_number": "abc", "school": "别的学校"})
    assert answer.status_code == 200 and "id_number" in answer.context["form"].errors
    assert SensitiveDetails.objects.get(file=assistance_file).school == "新胜小学四年级"


def test_staff_who_may_not_see_sensitive_details_get_no_form(client, assistance_file, staff):
    client.force_login(staff)
    assert (
        client.get(reverse("charity:file_sensitive", args=[assistance_file.pk])).status_code == 404
    )
    assert not AuditEntry.objects.filter(action="charity.assistance.sensitive_viewed").exists()


def test_the_service_refuses_a_caseworker_who_may_not_work_files_there(
    community, officer, make_user
):
    import datetime as dt

    from django.core.exceptions import ValidationError

    from gongzhi.charity.services import assistance_file_open

    outsider = make_user("outsider")
    with pytest.raises(ValidationError) as refused:
        assistance_file_open(
            node=community,
            subject_name="马小花",
            pseudonym="小花",
            categories=["child"],
            reason="需要帮扶。",
            caseworker=outsider,
            opened_on=dt.date(2026, 11, 2),
            actor=officer,
        )
    assert "caseworker" in refused.value.message_dict
    assert not AssistanceFile.objects.exists()
