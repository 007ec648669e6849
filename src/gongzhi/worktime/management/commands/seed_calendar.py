"""``gongzhi seed_calendar [--years 2024-2026]``: fill the calendar from the published schedule."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongzhi.worktime.published import published_years
from gongzhi.worktime.services import default_seed_years, seed_calendar


def parse_years(text: str) -> list[int]:
    """``2025``, ``2024-2026`` or ``2024,2026`` as a list of years."""
    years: set[int] = set()
    for part in text.replace(" ", "").split(","):
        if not part:
            continue
        try:
            if "-" in part:
                first, last = (int(x) for x in part.split("-", 1))
                if last < first or last - first > 200:
                    raise ValueError
                years.update(range(first, last + 1))
            else:
                years.add(int(part))
        except ValueError as exc:
            raise CommandError(
                f"--years: {part!r} is not a year or a range like 2024-2026"
            ) from exc
    if not years:
        raise CommandError("--years: give at least one year")
    return sorted(years)


class Command(BaseCommand):
    help = (
        "Fill the working-time calendar with the holidays and make-up workdays of the published "
        "national schedule. Safe to run again: days already in the calendar are kept as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--years",
            help="years to fill: 2025, 2024-2026 or 2024,2026 (default: two years back to next year)",
        )

    def handle(self, *args, years=None, **options):
        wanted = parse_years(years) if years else default_seed_years()
        try:
            added = seed_calendar(years=wanted)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        known = published_years()
        self.stdout.write(f"Added {added} calendar days for {', '.join(map(str, wanted))}.")
        unknown = [y for y in wanted if y not in known]
        if unknown:
            self.stdout.write(
                self.style.WARNING(
                    f"The published schedule does not cover {', '.join(map(str, unknown))}: "
                    "those years count as plain weeks until staff add their holidays."
                )
            )
