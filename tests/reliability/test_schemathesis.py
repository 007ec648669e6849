"""schemathesis against the Open311 and platform OpenAPI documents, on a live gunicorn server:
no 5xx, every status documented, every answer (4xx too) in its documented shape.

Examples are bounded per operation (a few in the normal suite, more in the slow variant), and
derandomized so that a failure repeats.
"""

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable

from gongzhi.api.keys import apikey_create
from tests.cases.helpers import drive

CHECKS = None  # set on first use: importing schemathesis registers its pytest plugin hooks


def _checks():
    global CHECKS
    if CHECKS is None:
        from schemathesis.checks import not_a_server_error
        from schemathesis.specs.openapi.checks import (
            content_type_conformance,
            response_schema_conformance,
            status_code_conformance,
        )

        CHECKS = [
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ]
    return CHECKS


@pytest.fixture
def live(server_factory, world, reporting_key):
    """A server with a few cases, a key that reports and a key that may do anything."""
    from gongzhi.cases.services import case_report

    for i in range(3):
        case = case_report(
            category=world["noise"],
            description=f"噪音{i}",
            channel="web",
            lat=32.05,
            lon=120.05,
            is_public=True,
        )
    drive(world, case, "dispatched")
    _k, everything = apikey_create(name="all", node=world["district"], permissions=["*"])
    return {"server": server_factory(), "report_key": reporting_key, "all_key": everything}


def _exercise(schema, base_url, examples, prepare):
    from schemathesis import GenerationMode

    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @settings(
                max_examples=examples,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            @given(case=operation.as_strategy(generation_mode=mode), real_key=st.booleans())
            def run(case, real_key):
                prepare(case, real_key)
                case.call_and_validate(base_url=base_url, checks=_checks(), timeout=30)

            try:
                run()
            except Unsatisfiable:
                continue  # nothing in this operation can be made invalid (a bare string path)
            except Exception as exc:  # collect every operation's failure, then report them all
                failures.append(f"{operation.label} [{mode.value}]: {str(exc)[:1500]}")
    assert not failures, "\n\n".join(failures)


def _open311(live, examples):
    import schemathesis

    base = live["server"].base
    schema = schemathesis.openapi.from_url(f"{base}/open311/v2/openapi.json")

    def prepare(case, real_key):
        # Half the examples carry a real key, so that intake and updates run, not only 403s.
        if real_key and isinstance(case.body, dict) and "api_key" in case.body:
            case.body["api_key"] = live["report_key"]
        if real_key and isinstance(case.query, dict) and "api_key" in case.query:
            case.query["api_key"] = live["report_key"]

    _exercise(schema, f"{base}/open311/v2", examples, prepare)


def _platform(live, examples):
    import schemathesis

    base = live["server"].base
    schema = schemathesis.openapi.from_url(f"{base}/api/openapi.json")

    def prepare(case, real_key):
        headers = dict(case.headers or {})
        if real_key:
            headers["X-API-Key"] = live["all_key"]
        case.headers = headers

    _exercise(schema, base, examples, prepare)  # ninja's paths carry the /api prefix


@pytest.mark.django_db(transaction=True)
def test_open311_document_holds_against_the_live_server(live):
    _open311(live, examples=4)


@pytest.mark.django_db(transaction=True)
def test_platform_document_holds_against_the_live_server(live):
    _platform(live, examples=4)


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_open311_document_holds_with_many_examples(live):
    _open311(live, examples=int(os.environ.get("GONGZHI_FUZZ_EXAMPLES", "20")))


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_platform_document_holds_with_many_examples(live):
    _platform(live, examples=int(os.environ.get("GONGZHI_FUZZ_EXAMPLES", "20")) * 3 // 5)
