"""The KPI definitions of each domain app, registered when that app is installed."""
