"""Bad input stops the whole check with a message naming the source; nothing partial."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from clapboard.engines.financing import FinancingError, Instalment, Plan, check_plan, read_plan, write_plan
from clapboard.engines.financing.tests.builders import figures, plan, source


def four_sources(**changes: Any) -> Plan:
    sources = [
        source("equity", "producer_equity", "Les Films du Quai", "200000"),
        source("canal", "tv_presale", "Canal+", "500000"),
        source("sofica", "sofica", "Cinémage", "150000"),
        source("region", "regional_fund", "Région Bretagne", "300000"),
    ]
    sources[3] = replace(sources[3], **changes)
    return plan(figures("2000000"), *sources)


def refused(the_plan: Plan) -> str:
    with pytest.raises(FinancingError) as caught:
        check_plan(the_plan)
    return str(caught.value)


def test_a_currency_without_a_rate() -> None:
    assert refused(four_sources(currency="CHF")) == (
        'sources[3] "Région Bretagne": amount in CHF, which has no exchange rate to EUR (add it to exchange_rates)'
    )


def test_shares_over_100_percent() -> None:
    assert refused(four_sources(type="coproduction", country="BE", rights_share=Decimal(120))) == (
        'sources[3] "Région Bretagne": rights_share 120% is not a share between 0 and 100%'
    )
    the_plan = plan(
        figures("2000000"),
        source("be", "coproduction", "Tarantula", "100000", country="BE", rights_share=Decimal(60)),
        source("de", "coproduction", "Pandora", "100000", country="DE", rights_share=Decimal(50)),
    )
    assert (
        refused(the_plan)
        == 'sources[1] "Pandora": rights_share: the co-producers\' rights add up to 110%, over 100%'
    )
    instalments = (
        Instalment(date(2026, 3, 1), percentage=Decimal(60)),
        Instalment(date(2026, 4, 1), percentage=Decimal(60)),
    )
    assert refused(four_sources(instalments=instalments)) == (
        'sources[3] "Région Bretagne": instalments add up to 120%, over 100%'
    )


def test_dates_before_the_project_starts() -> None:
    assert refused(four_sources(expected_date=date(2025, 12, 1))) == (
        'sources[3] "Région Bretagne": expected_date 2025-12-01 is before the project starts (2026-01-05)'
    )
    instalments = (
        Instalment(date(2026, 3, 1), percentage=Decimal(50)),
        Instalment(date(2025, 3, 1), percentage=Decimal(50)),
    )
    assert refused(four_sources(instalments=instalments)) == (
        'sources[3] "Région Bretagne": instalments[1]: date 2025-03-01 is before the project starts (2026-01-05)'
    )


def test_a_source_counted_twice() -> None:
    the_plan = plan(
        figures("2000000"),
        source("region", "regional_fund", "Région Bretagne", "300000"),
        source("region-2", "regional_fund", " région  bretagne", "300000"),
    )
    assert refused(the_plan) == (
        'sources[1] " région  bretagne": counted twice: same partner, type and amount as sources[0] '
        '"Région Bretagne" (remove one, or make them one source with instalments)'
    )
    same_id = plan(
        figures("2000000"), source("a", "sofica", "Cinémage", "1"), source("a", "sofica", "Cofimage", "2")
    )
    assert refused(same_id) == "sources[1] \"Cofimage\": id 'a' is already used by sources[0]"


def test_same_partner_and_type_with_another_amount_is_a_warning() -> None:
    the_plan = plan(
        figures("2000000"),
        source("dev", "regional_fund", "Région Bretagne", "30000"),
        source("prod", "regional_fund", "Région Bretagne", "300000"),
    )
    assert check_plan(the_plan).warnings == (
        'sources[1] "Région Bretagne": same partner and type as sources[0]; check that it is not counted twice',
    )


def test_other_bad_fields() -> None:
    assert refused(four_sources(type="grant")).startswith(
        "sources[3] \"Région Bretagne\": unknown type 'grant'"
    )
    assert refused(four_sources(status="maybe")).startswith(
        "sources[3] \"Région Bretagne\": unknown status 'maybe'"
    )
    assert (
        refused(four_sources(amount=Decimal(-1)))
        == 'sources[3] "Région Bretagne": amount cannot be negative (-1)'
    )
    assert refused(four_sources(amount=None)) == (
        'sources[3] "Région Bretagne": has no amount (only a tax credit the engine computes may leave it out)'
    )


def test_the_json_reader_names_the_source_and_refuses_floats() -> None:
    data = write_plan(four_sources())
    data["sources"][3]["amount"] = 300000.5
    with pytest.raises(FinancingError) as caught:
        read_plan(data)
    assert str(caught.value) == (
        'sources[3] "Région Bretagne": amount: value 300000.5 is a binary floating-point number; '
        'write it as a string ("300000.5") or a Decimal so that it is exact'
    )
    data = write_plan(four_sources())
    data["sources"][0]["amout"] = "1"
    with pytest.raises(FinancingError, match=r"^sources\[0\]\.amout: unknown field"):
        read_plan(data)
