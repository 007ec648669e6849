"""Demo data (filled in below)."""


def run_demo_builder(run):
    return None
