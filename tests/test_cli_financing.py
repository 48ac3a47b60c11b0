"""``clapboard financing check`` prints the coverage, gap, rules and tax credits (or their
JSON); bad input is one line on stderr naming the file and the source, exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PLAN = {
    "format": "clapboard-financing-plan",
    "version": 1,
    "title": "Le Grand Départ",
    "currency": "EUR",
    "exchange_rates": {"USD": "0.92"},
    "start": "2026-01-05",
    "work": {"kind": "cinema", "genre": "fiction", "language": "fr", "duration_minutes": "100"},
    "budget": {
        "total": "3000000",
        "french": "3000000",
        "foreign": "0",
        "categories": {
            "authors": {"french": "500000"},
            "performers": {"french": "400000"},
            "crew": {"french": "1200000"},
            "technical_industries": {"french": "500000"},
            "transport_catering_lodging": {"french": "200000"},
        },
    },
    "sources": [
        {"id": "equity", "type": "producer_equity", "partner": "Les Films du Quai", "amount": "300000",
         "currency": "EUR", "status": "received", "actual_date": "2026-01-05"},
        {"id": "canal", "type": "tv_presale", "partner": "Canal+", "amount": "800000", "currency": "EUR",
         "status": "contracted", "rights": "pay TV France", "window": "6 months"},
        {"id": "region", "type": "regional_fund", "partner": "Région Bretagne", "amount": "300000",
         "currency": "EUR", "status": "committed"},
        {"id": "sales", "type": "sales_mg", "partner": "Wild Sales", "amount": "200000", "currency": "USD",
         "status": "approached"},
        {"id": "cic", "type": "tax_credit", "partner": "État", "amount": None, "currency": "EUR",
         "credit": "cic", "status": "applied"},
    ],
    "scenarios": [{"id": "A", "title": "Plan A"}, {"id": "B", "title": "Plan B", "without": ["region"]}],
}  # fmt: skip


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


def plan_file(tmp_path: Path, data: object = PLAN) -> Path:
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_json_check(tmp_path: Path) -> None:
    run = clapboard("financing", "check", str(plan_file(tmp_path)), "--json")
    assert run.returncode == 0, run.stderr
    assert "django" not in run.stderr.lower()
    result = json.loads(run.stdout)
    assert [(item["id"], item["version"]) for item in result["rule_sets"]] == [("fr", 2), ("europe", 1)]
    plan_a, plan_b = result["scenarios"]
    # CIC: 2,800,000 of French expenses less the regional subsidy = 2,500,000, capped at
    # 80% of 3,000,000 = 2,400,000; 30% = 720,000.
    assert plan_a["tax_credits"][0]["amount"] == "720000.00"
    assert plan_a["coverage"]["secured"] == "1400000.00"
    assert plan_a["coverage"]["total"] == "2304000.00"  # + 184,000 (200,000 USD) + 720,000
    assert plan_a["coverage"]["gap"] == "696000.00"
    # without the region: the credit is 30% of 2,400,000 still (base capped), the gap grows
    assert plan_b["coverage"]["gap"] == "996000.00"
    public = next(rule for rule in plan_a["rules"] if rule["rule"] == "fr.public_aid_intensity")
    assert public["status"] == "ok"
    assert public["numbers"]["public_aid"] == "1020000.00"
    assert public["source"].startswith("[S7]")
    assert public["effective_from"] == "2015-02-10"
    assert any(w.startswith("data unverified") for w in plan_a["tax_credits"][0]["warnings"])


def test_rules_of_a_year(tmp_path: Path) -> None:
    run = clapboard("financing", "check", str(plan_file(tmp_path)), "--rules", "2021", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["rule_sets"][0]["version"] == 1


def test_readable_report(tmp_path: Path) -> None:
    run = clapboard("financing", "check", str(plan_file(tmp_path)))
    assert run.returncode == 0, run.stderr
    assert "Plan A: secured 1400000.00 (46.67%)" in run.stdout
    assert "Crédit d'impôt cinéma: 720000.00" in run.stdout
    assert "fr.public_aid_intensity" in run.stdout


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda data: data["sources"][2].update(currency="CHF"),
            'plan.json: sources[2] "Région Bretagne": amount in CHF, which has no exchange rate to EUR '
            "(add it to exchange_rates)",
        ),
        (
            lambda data: data["sources"][2].update(expected_date="2025-01-01"),
            'plan.json: sources[2] "Région Bretagne": expected_date 2025-01-01 is before the project starts '
            "(2026-01-05)",
        ),
        (
            lambda data: data["sources"].append(dict(data["sources"][2], id="region-again")),
            'plan.json: sources[5] "Région Bretagne": counted twice: same partner, type and amount as '
            'sources[2] "Région Bretagne" (remove one, or make them one source with instalments)',
        ),
    ],
)
def test_bad_input_names_the_file_and_the_source(tmp_path: Path, change, message) -> None:
    data = json.loads(json.dumps(PLAN))
    change(data)
    run = clapboard("financing", "check", str(plan_file(tmp_path, data)), "--json")
    assert run.returncode == 2
    assert run.stdout == ""
    assert run.stderr == f"clapboard financing check: {message}\n"


def test_no_rules_in_that_year(tmp_path: Path) -> None:
    run = clapboard("financing", "check", str(plan_file(tmp_path)), "--rules", "2019")
    assert run.returncode == 2
    assert run.stderr == (
        "clapboard financing check: plan.json: rules: no version of fr was in effect in 2019 "
        "(the first takes effect on 2020-06-07)\n"
    )


def test_not_json_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "plan.json"
    path.write_text("{", encoding="utf-8")
    run = clapboard("financing", "check", str(path))
    assert run.returncode == 2
    assert run.stderr.startswith("clapboard financing check: plan.json: not JSON")
    run = clapboard("financing", "check", str(tmp_path / "nowhere.json"))
    assert run.returncode == 2
    assert "nowhere.json" in run.stderr
