"""What a webhook says about the object of an event, per model (registered in ApiConfig)."""


def case_payload(case) -> dict:
    """A case event: enough for a receiver to route it without calling back."""
    party = case.assigned_party
    return {
        "reference": case.reference,
        "state": case.state,
        "category": case.category.code,
        "node": case.node.code,
        "assigned_party": {"id": party.pk, "name": party.name} if party is not None else None,
        "version": case.version,
    }
