"""gongzhi points_expire --year 2025 — expire last year's unspent points where policy says so."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from gongzhi.points.services import points_expire


class Command(BaseCommand):
    help = (
        "Expire the points left over from YEAR in every community whose policy has yearly "
        "expiry on. Safe to run again: each account expires at most once per year."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="the year that is over")

    def handle(self, *args, year, **options):
        try:
            booked = points_expire(year=year)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        total = sum(t.booked_legs and max(t.booked_legs.values()) for t in booked)
        self.stdout.write(f"{len(booked)} account(s) expired, {total} point(s) in all")
