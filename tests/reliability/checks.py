from collections import Counter

from gongzhi.cases.models import Case


def assert_every_acknowledged_report_is_there_once(outcome) -> None:
    """Every key that got a 2xx names a case that exists, exactly once, with that key; the
    retries answered the same reference and created nothing."""
    keys = list(outcome.acknowledged)
    stored = dict(
        Case.objects.filter(idempotency_key__startswith="open311:").values_list(
            "idempotency_key", "reference"
        )
    )
    by_client_key = {k.split(":", 2)[2]: ref for k, ref in stored.items()}
    missing = [k for k in keys if k not in by_client_key]
    assert not missing, f"{len(missing)} acknowledged reports are missing, e.g. {missing[:3]}"
    wrong = [k for k in keys if by_client_key[k] != outcome.acknowledged[k]]
    assert not wrong, f"acknowledged references differ from the stored ones: {wrong[:3]}"
    references = Counter(Case.objects.values_list("reference", flat=True))
    assert max(references.values(), default=1) == 1
    for key, status, reference in outcome.replays:
        assert status == 200 and reference == outcome.acknowledged[key], (key, status)
    # Nothing was stored twice: one case per key that was ever sent and answered.
    assert len(stored) == len(set(stored.values()))
