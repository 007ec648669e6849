"""The registry: codes, names, formulas; KPIs only for installed apps; planned ones absent."""

from django.apps import apps

from gongzhi.insights import registry
from gongzhi.insights.periods import Period
from gongzhi.insights.selectors import figures

REQUIRED = {
    "cases_received", "cases_accepted", "cases_closed", "closed_on_time_rate", "rework_rate",
    "contact_rate", "resolution_rate", "satisfaction_rate", "overdue_open", "escalations",
    "structures_found", "structures_demolished", "area_demolished_m2",
    "found_to_notice_within_day_rate", "notice_to_demolition_within_week_rate", "revisits_done",
    "volunteer_hours", "activities_held", "volunteers_active", "points_awarded",
    "points_redeemed",
}  # fmt: skip


def test_every_required_kpi_is_registered_with_a_formula_and_unit():
    assert set(registry.KPIS) >= REQUIRED
    for kpi in registry.kpis():
        assert str(kpi.name) and str(kpi.formula) and str(kpi.unit)
        assert kpi.source in registry.SOURCES


def test_documented_formulas_cover_every_code():
    from pathlib import Path

    doc = (Path(__file__).resolve().parents[2] / "docs" / "insights.md").read_text()
    for code in registry.KPIS:
        assert f"`{code}`" in doc
    for codes in registry.PLANNED.values():
        for code in codes:
            assert f"`{code}`" in doc


def test_planned_kpis_are_absent_not_zero(small_tree):
    values = figures(small_tree["district"], Period(2026, 3)).values()
    for app, codes in registry.PLANNED.items():
        if not apps.is_installed(f"gongzhi.{app}"):
            assert not set(codes) & set(values)


def test_kpis_of_an_app_that_is_not_installed_are_not_registered(monkeypatch):
    monkeypatch.setattr(registry, "KPIS", {})
    monkeypatch.setattr(registry, "SOURCES", {})
    real = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "gongzhi.enforcement" and real(name)
    )
    registry.register_installed()
    assert "cases_closed" in registry.KPIS
    assert "structures_found" not in registry.KPIS
    assert not any(s.app == "enforcement" for s in registry.SOURCES.values())


def test_every_kpi_record_kind_is_listed_audited_and_drawn():
    from gongzhi.insights.briefing.evidence import AUDITED
    from gongzhi.insights.drilldown import COLUMNS

    for kpi in registry.kpis():
        assert kpi.record_kind in AUDITED, kpi.code
        assert kpi.record_kind in COLUMNS, kpi.code
