"""Keep the layers apart: engines are pure Python, and apps import only downward."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parent.parent / "src" / "clapboard"
# An app may import only from apps listed before it (STYLE.md B.3).
APP_ORDER = [
    "engines",
    "core",
    "accounts",
    "companies",
    "productions",
    "scripts",
    "schedules",
    "budgets",
    "financing",
]


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def python_files(package: str) -> list[Path]:
    return sorted((SOURCE / package).rglob("*.py"))


def test_engines_import_neither_django_nor_apps():
    offenders = [
        f"{path.relative_to(SOURCE)} imports {name}"
        for path in python_files("engines")
        for name in imported_modules(path)
        if name.split(".")[0] == "django"
        or (name.startswith("clapboard.") and not name.startswith("clapboard.engines"))
    ]
    assert offenders == []


@pytest.mark.parametrize("app", APP_ORDER[1:])
def test_apps_import_only_apps_below_them(app: str):
    allowed = set(APP_ORDER[: APP_ORDER.index(app) + 1]) | {"config"}
    offenders = []
    for path in python_files(app):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for name in imported_modules(path):
            parts = name.split(".")
            if (
                parts[0] == "clapboard"
                and len(parts) > 1
                and parts[1] in APP_ORDER
                and parts[1] not in allowed
            ):
                offenders.append(f"{path.relative_to(SOURCE)} imports {name}")
    assert offenders == []
