"""Volunteer service: teams, activities, sign-up, check-in, hours, records and certificates."""
