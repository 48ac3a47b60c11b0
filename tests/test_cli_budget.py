"""``clapboard budget calc`` prints a top sheet or the JSON totals; bad input is one line on
stderr naming the file and the field, with exit code 2 (no Django needed)."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from clapboard.engines.budget import from_script_estimate, write_budget


def clapboard(*arguments: str) -> subprocess.CompletedProcess[str]:
    """The command as a person runs it, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "clapboard.cli", *arguments],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def budget_file(tmp_path: Path) -> Path:
    budget = from_script_estimate("cnc-long-metrage", shooting_days=30, cast_days={"el-1": 20})
    data = write_budget(budget)
    data["accounts"][14]["lines"][-1]["rate"] = "1500"  # 31 Rôles principaux: the cast line of el-1
    path = tmp_path / "devis.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_totals(tmp_path: Path) -> None:
    run = clapboard("budget", "calc", str(budget_file(tmp_path)), "--json")
    assert run.returncode == 0, run.stderr
    assert "django" not in run.stderr.lower()
    totals = json.loads(run.stdout)
    for key in (
        "grand_total",
        "subtotal",
        "groups",
        "chapters",
        "accounts",
        "percentages",
        "french",
        "foreign",
        "fringes",
    ):
        assert key in totals
    assert totals["currency"] == "EUR"
    assert set(totals["groups"]) == {"above", "below"}
    assert list(totals["chapters"]) == [str(n) for n in range(1, 10)]
    assert totals["chapters"]["1"]["title"] == "Droits artistiques"
    assert set(totals["percentages"]) == {"FG", "IMP"}
    amounts = [totals["grand_total"], totals["french"], *(c["total"] for c in totals["chapters"].values())]
    assert all(
        isinstance(a, str) and a.split(".")[1].isdigit() and len(a.split(".")[1]) == 2 for a in amounts
    )
    chapters = sum(Decimal(c["total"]) for c in totals["chapters"].values())
    percentages = sum(Decimal(p["amount"]) for p in totals["percentages"].values())
    assert chapters == Decimal(totals["subtotal"])
    assert chapters + percentages == Decimal(totals["grand_total"])
    assert totals["accounts"]["31"]["lines"] == "30000.00"  # 20 days at 1500


def test_top_sheet(tmp_path: Path) -> None:
    run = clapboard("budget", "calc", str(budget_file(tmp_path)))
    assert run.returncode == 0, run.stderr
    assert "Droits artistiques" in run.stdout
    assert "Frais généraux" in run.stdout
    assert "Grand total" in run.stdout


def test_a_bad_field_is_named_with_the_file(tmp_path: Path) -> None:
    path = budget_file(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["accounts"][2]["lines"][0]["quantity"] = "SHOT_DAYS"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = clapboard("budget", "calc", str(path), "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr.strip() == (
        "clapboard budget calc: devis.json: accounts[2].lines[0].quantity: unknown global SHOT_DAYS"
    )


def test_a_division_by_zero_found_while_calculating_is_named_with_the_file(tmp_path: Path) -> None:
    path = budget_file(tmp_path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["accounts"][2]["lines"][0]["quantity"] = "1 / (SHOOT_DAYS - 30)"
    path.write_text(json.dumps(data), encoding="utf-8")
    run = clapboard("budget", "calc", str(path))
    assert run.returncode == 2
    assert run.stderr.startswith(
        "clapboard budget calc: devis.json: accounts[2].lines[0].quantity: division by zero"
    )


def test_a_missing_file_and_a_file_that_is_not_json(tmp_path: Path) -> None:
    missing = clapboard("budget", "calc", str(tmp_path / "nowhere.json"))
    assert missing.returncode == 2
    assert "nowhere.json" in missing.stderr
    path = tmp_path / "broken.json"
    path.write_text("{", encoding="utf-8")
    broken = clapboard("budget", "calc", str(path))
    assert broken.returncode == 2
    assert "broken.json: not JSON" in broken.stderr
