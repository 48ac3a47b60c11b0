"""The committed OpenAPI document matches the API, and the API's docs page needs no CDN."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client

from clapboard.config.api import openapi_text

COMMITTED = settings.PROJECT_DIR / "docs" / "openapi.json"
REGENERATE = ".venv/bin/python manage.py export_openapi --output docs/openapi.json"
METHODS = {"get", "post", "put", "patch", "delete"}


def operations(schema: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, items in schema["paths"].items()
        for method, operation in items.items()
        if method in METHODS
    ]


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return json.loads(openapi_text())


def test_committed_openapi_document_is_up_to_date():
    assert COMMITTED.exists(), f"docs/openapi.json is missing; create it with: {REGENERATE}"
    committed = COMMITTED.read_text(encoding="utf-8")
    assert committed == openapi_text(), (
        f"docs/openapi.json differs from the API; regenerate it with: {REGENERATE} (and commit it)"
    )


def test_export_command_writes_the_same_bytes_every_time(tmp_path):
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    call_command("export_openapi", "--output", str(first))
    call_command("export_openapi", "--output", str(second))
    assert first.read_bytes() == second.read_bytes() == openapi_text().encode()
    assert first.read_text().endswith("}\n")


def test_the_schema_is_served_and_equals_the_generated_one(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.json() == json.loads(openapi_text())


def test_document_has_the_openapi_3_structure(schema):
    assert re.fullmatch(r"3\.\d+\.\d+", schema["openapi"])
    assert schema["info"]["title"]
    assert schema["info"]["version"]
    assert schema["paths"]
    assert {"TokenAuth", "SessionAuth"} <= set(schema["components"]["securitySchemes"])
    seen_ids = set()
    for method, path, operation in operations(schema):
        assert path.startswith("/api/v1/"), f"{method} {path} is outside the versioned API"
        literal = re.sub(r"\{[^}]+\}", "", path)
        assert re.fullmatch(r"[a-z0-9/-]+", literal), f"{path} is not lower-case kebab-case"
        assert operation["operationId"] not in seen_ids, f"duplicate operationId on {method} {path}"
        seen_ids.add(operation["operationId"])
        for parameter in re.findall(r"\{([^}]+)\}", path):
            declared = {item["name"] for item in operation.get("parameters", []) if item["in"] == "path"}
            assert parameter in declared, f"{method} {path} does not declare its path parameter {parameter}"


def body_schema(schema: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any]:
    if "requestBody" not in operation:
        return {}
    content = operation["requestBody"]["content"]
    media = content.get("application/json") or content["multipart/form-data"]
    if "$ref" not in media["schema"]:  # a multipart form is described inline
        return media["schema"]  # type: ignore[no-any-return]
    ref = media["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[-1]]  # type: ignore[no-any-return]


def error_codes_expected(schema: dict[str, Any], path: str, operation: dict[str, Any]) -> set[str]:
    expected = {"401"}
    if "{production_id}" in path:
        expected |= {"403", "404"}
    if "{company_id}" in path:
        expected |= {"404"}
    body = body_schema(schema, operation)
    if body:
        expected |= {"400", "413", "422"}
    if "version" in body.get("properties", {}):  # an edit that can be stale
        expected |= {"409"}
    return expected


def test_every_operation_declares_its_error_responses(schema):
    missing = {}
    for method, path, operation in operations(schema):
        responses = operation["responses"]
        assert any(code.startswith("2") for code in responses), f"{method} {path} has no success response"
        lacking = error_codes_expected(schema, path, operation) - set(responses)
        if lacking:
            missing[f"{method} {path}"] = sorted(lacking)
        for code, response in responses.items():
            assert response.get("description"), f"{method} {path} {code} has no description"
            if code.startswith(("4", "5")):
                ref = response["content"]["application/json"]["schema"]["$ref"]
                assert ref in ("#/components/schemas/ErrorOut", "#/components/schemas/ConflictOut")
    assert missing == {}


def test_every_operation_declares_its_access_rule(schema):
    undeclared = []
    for method, path, operation in operations(schema):
        if "{production_id}" in path:
            ok = "x-capability" in operation
        elif "{company_id}" in path:
            ok = isinstance(operation.get("x-company-admin"), bool)
        else:
            ok = operation.get("x-scope") == "user"
        if not ok:
            undeclared.append(f"{method} {path}")
    assert undeclared == []


def test_error_shapes_are_the_documented_ones(schema):
    components = schema["components"]["schemas"]
    assert set(components["ErrorOut"]["required"]) == {"detail", "errors"}
    assert set(components["ErrorItem"]["required"]) == {"field", "message"}
    assert "current_version" in components["ConflictOut"]["required"]


def test_docs_page_loads_swagger_from_our_static_files(settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    response = Client().get("/api/docs")
    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/ninja/swagger-ui-bundle.js" in sources
    assert "/static/ninja/swagger-ui.css" in sources
    assert all(source.startswith("/static/") for source in sources), sources
    assert "cdn" not in page.lower()
    assert "<script>" not in page, "inline scripts would be blocked by the Content-Security-Policy"
    assert "script-src 'self'" in response["Content-Security-Policy"]
