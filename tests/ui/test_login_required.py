import pytest
from django.urls import reverse


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("org:browser", {}),
        ("org:node_detail", {"code": "CC-KFQ-XS"}),
        ("org:node_tree", {"code": "CC-KFQ-XS"}),
        ("org:node_children_geojson", {"code": "CC-KFQ-XS"}),
        ("org:node_people", {"code": "CC-KFQ-XS"}),
        ("org:node_households", {"code": "CC-KFQ-XS"}),
        ("org:person_detail", {"pk": 1}),
        ("org:household_detail", {"pk": 1}),
        ("org:roles", {}),
        ("org:role_add", {}),
        ("org:role_revoke", {"pk": 1}),
    ],
)
def test_logged_out_visitor_is_sent_to_login(client, xs, name, kwargs):
    url = reverse(name, kwargs=kwargs)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "next=" in response["Location"]
