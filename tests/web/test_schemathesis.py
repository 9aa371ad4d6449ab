"""Schemathesis against the app's own OpenAPI document: no input makes the server fail.

Every operation of /api/v1/openapi.json (ingest included: the app allows it here, on an
archive of its own) gets ``MAX_EXAMPLES`` (40) generated requests, valid and invalid, through
the ASGI transport; the check is ``not_a_server_error`` (no 5xx). Bounded to run in well
under a minute.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from tests.archive.search_corpus import corpus_archive
from warta.web import create_app

# per operation; WARTA_SCHEMATHESIS_EXAMPLES=500 for a deeper run by hand
MAX_EXAMPLES = int(os.environ.get("WARTA_SCHEMATHESIS_EXAMPLES", "40"))


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> Any:
    folder = tmp_path_factory.mktemp("schemathesis")
    url = f"sqlite:///{folder / 'warta.db'}"
    corpus_archive(url, folder / "pages")
    app = create_app(url, allow_ingest=True)
    return schemathesis.openapi.from_asgi("/api/v1/openapi.json", app)


def operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def test_no_server_error(api_schema: Any) -> None:
    """Valid and invalid requests for every operation (schemathesis's pytest plugin does not
    load under pytest 9, so the operations' strategies are run here with hypothesis)."""
    found = operations(api_schema)
    assert len(found) >= 12
    for operation in found:
        strategy = st.one_of(operation.as_strategy(generation_mode=GenerationMode.POSITIVE),
                             operation.as_strategy(generation_mode=GenerationMode.NEGATIVE))

        @given(case=strategy)
        @settings(max_examples=MAX_EXAMPLES, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def call(case: Any) -> None:
            case.call_and_validate(checks=[not_a_server_error])

        try:
            call()
        except Exception as exc:
            raise AssertionError(f"{operation.label}: {exc}") from exc
