"""The OpenAPI schema is valid and property-based requests over it find no server error."""

from __future__ import annotations

import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from amity.app import create_app
from tests.api.conftest import build_corpus


def test_schema_declares_every_endpoint_and_our_error_shape(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    paths = set(schema["paths"])
    assert {"/api/articles", "/api/articles/{key}", "/api/events", "/api/events/{event_id}", "/api/actors",
            "/api/dyads/{a}/{b}/series", "/api/timeline", "/api/network", "/api/claims", "/api/search",
            "/api/stats"} <= paths
    assert "Error" in schema["components"]["schemas"]
    assert all("422" not in op["responses"] for item in schema["paths"].values() for op in item.values())


def _app(tmp_path_factory: object) -> object:
    from amity.core import Amity

    folder = tmp_path_factory.mktemp("schema")  # type: ignore[attr-defined]
    amity = Amity(f"sqlite:///{folder / 'schema.db'}")
    amity.store.write(build_corpus())
    return create_app(amity, write_token="t0ken")


def test_schemathesis_finds_no_server_error(tmp_path_factory: object) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", _app(tmp_path_factory))
    failures, ran = [], 0
    for result in schema.get_all_operations():
        ran += 1
        operation = result.ok()  # type: ignore[union-attr]
        strategy = operation.as_strategy()

        @settings(max_examples=25, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: object) -> None:
            response = case.call()  # type: ignore[attr-defined]
            case.validate_response(response, checks=[not_a_server_error])  # type: ignore[attr-defined]

        from hypothesis import given

        try:
            given(strategy)(run)()
        except Exception as exc:  # noqa: BLE001 - collect every operation's failure
            failures.append(f"{operation.method.upper()} {operation.path}: {exc}")
    assert ran >= 12 and not failures, "\n".join(failures)
