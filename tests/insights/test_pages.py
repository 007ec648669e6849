"""The cockpit, the records behind a figure and the Excel exports."""

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from gongzhi.cases.choices import Action, State

from .conftest import local

URL = "/insights/T-S/?period=2026-03"


@pytest.fixture
def supervisor_client(client, world):
    client.force_login(world["users"]["street_supervisor"])
    return client


def _month(world, history, n):
    for i in range(n):
        grid = world["grid1"] if i % 3 else world["grid2"]
        case = history.case(grid, local(2026, 3, 1 + i % 27), deadline=local(2026, 3, 2 + i % 27))
        history.event(case, Action.ACCEPT, local(2026, 3, 2 + i % 27), to_state=State.ACCEPTED)
        if i % 2:
            history.close(case, local(2026, 3, 3 + i % 25), on_time=i % 4 == 1)
            history.rate(case, local(2026, 3, 4 + i % 24), satisfied=i % 3 == 0)
        if i % 5 == 0:
            history.escalate(case, local(2026, 3, 3 + i % 25))


def _queries(client, url=URL):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_cockpit_query_count_does_not_grow_with_the_data(
    supervisor_client, world, history, cache_clock
):
    _month(world, history, 3)
    supervisor_client.get(URL)  # the unread-messages badge is cached from the first page on
    small = _queries(supervisor_client)
    _month(world, history, 40)
    large = _queries(supervisor_client)
    assert small == large
    # Everything the page costs: the session, the user with their person, their roles, the
    # node, the figures, the children for the map, the lists (docs/performance.md).
    assert large <= 20


def test_cockpit_shows_month_previous_and_ranking(supervisor_client, world, history):
    _month(world, history, 6)
    body = supervisor_client.get("/insights/T-S-C/?period=2026-03").content.decode()
    assert 'data-kpi="cases_received"' in body
    assert 'data-node="T-S-C-G1"' in body and 'data-node="T-S-C-G2"' in body
    assert "<svg" in body and "<polygon" in body
    assert "cdn" not in body.lower()


def test_a_grid_on_time_rate_links_to_its_late_cases(supervisor_client, world, history):
    on_time = history.case(world["grid1"], local(2026, 3, 2))
    history.close(on_time, local(2026, 3, 4), on_time=True)
    late = history.case(world["grid1"], local(2026, 3, 2))
    history.close(late, local(2026, 3, 9), on_time=False)
    body = supervisor_client.get("/insights/T-S-C/?period=2026-03").content.decode()
    link = "/insights/T-S-C-G1/kpi/closed_on_time_rate/?period=2026-03&amp;part=rest"
    assert link in body
    page = supervisor_client.get(link.replace("&amp;", "&")).content.decode()
    assert late.reference in page and on_time.reference not in page


def test_out_of_scope_node_and_bad_period_are_404(client, world):
    client.force_login(world["users"]["other_grid_worker"])
    assert client.get("/insights/T-S-C-G2/?period=2026-03").status_code == 404
    client.force_login(world["users"]["supervisor"])  # community supervisor
    assert client.get("/insights/T-S/?period=2026-03").status_code == 404
    assert client.get("/insights/T-S-C/?period=2026-03").status_code == 200
    assert client.get("/insights/T-S-C/?period=3000-01").status_code == 404
    assert client.get("/insights/T-S-C/kpi/nope/?period=2026-03").status_code == 404


def test_excel_export_of_the_kpi_table_and_of_records(supervisor_client, world, history):
    _month(world, history, 4)
    r = supervisor_client.get(URL + "&format=xlsx")
    book = load_workbook(io.BytesIO(r.content))
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    received = next(row for row in rows if row[0] == "cases_received")
    assert received[2] == 4
    r = supervisor_client.get("/insights/T-S/kpi/cases_received/?period=2026-03&format=xlsx")
    sheet = load_workbook(io.BytesIO(r.content)).worksheets[0]
    assert sheet.max_row == 1 + 4


def test_cockpit_and_records_follow_a_category_filter(supervisor_client, world, history):
    history.case(world["grid1"], local(2026, 3, 2))
    history.case(world["grid1"], local(2026, 3, 2), category=world["noise"])
    body = supervisor_client.get(URL + "&category=noise").content.decode()
    assert 'data-kpi="volunteer_hours"' not in body
    page = supervisor_client.get("/insights/T-S/kpi/cases_received/?period=2026-03&category=noise")
    assert page.content.decode().count("<tr><td><a href=") == 1
    assert supervisor_client.get(URL + "&category=nope").status_code == 404
