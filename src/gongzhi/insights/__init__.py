"""Insights: KPIs, the cockpit per node and the monthly briefing, computed from the records.

Reads only, through the domain apps' selectors; it owns its own tables (frozen briefings).
"""
