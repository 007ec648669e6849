"""System checks: warn when the calendar has no holidays for this year or next.

Tagged ``database`` so that it runs where Django checks the database (``gongzhi migrate``,
``gongzhi check --database default``), not on every start.
"""

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError


@register(Tags.database)
def calendar_has_holidays(app_configs=None, databases=None, **kwargs):
    if not databases or "default" not in databases:
        return []
    from gongzhi.worktime.selectors import years_without_holidays

    try:
        missing = years_without_holidays()
    except DatabaseError:
        return []  # tables not migrated yet
    if not missing:
        return []
    years = ", ".join(str(y) for y in missing)
    return [
        Warning(
            f"No holidays are recorded for {years}: deadlines there count every Monday-Friday "
            "as a workday.",
            hint=(
                "Run 'gongzhi seed_calendar' to fill the published schedule, or add the holidays "
                "and make-up workdays on the working-time calendar page once they are announced."
            ),
            id="worktime.W001",
        )
    ]
