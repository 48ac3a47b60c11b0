"""The French tax credits against worked examples written from DOMAIN.md's sources."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from clapboard.engines.financing import BudgetFigures, Phase, Plan, Split, TaxCreditResult, Work, check_plan
from clapboard.engines.financing.tests.builders import figures, money, plan, source


def credit(the_plan: Plan, name: str, rules: int | None = None) -> TaxCreditResult:
    return check_plan(the_plan, rules=rules).scenarios[0].credit(name)


# ----------------------------------------------------------------------------- crédit d'impôt cinéma


def feature(**fields: Any) -> BudgetFigures:
    return figures(
        "3000000",
        authors="500000",
        performers="400000",
        crew="1200000",
        technical_industries="500000",
        transport_catering_lodging="200000",
        **fields,
    )


def test_cic_french_language_with_director_cap_and_base_cap() -> None:
    """[S10] [S11] 30% for a film made mainly in French, base at most 80% of the budget;
    [S13] the director's pay counted is capped at 15% of the cost below EUR 4M.

    Eligible French expenses 2,800,000. Director's pay 700,000 against a cap of 15% of
    3,000,000 = 450,000: 250,000 out, 2,550,000. 80% of 3,000,000 = 2,400,000: 150,000
    out. Credit 30% of 2,400,000 = 720,000."""
    result = credit(plan(feature(director=Split(money("700000"))), work=Work(language="fr")), "cic")
    assert result.eligible
    assert result.expenses == money("2800000")
    assert [(item.amount) for item in result.adjustments] == [money("-250000.00"), money("-150000.00")]
    assert "director's pay above its cap (450 000.00" in result.adjustments[0].label
    assert result.adjustments[1].label == "base capped at 80% of the budget"
    assert result.base == money("2400000.00")
    assert (result.rate, result.rate_reason) == (Decimal("30"), "a film made mainly in French")
    assert result.amount == money("720000.00")
    assert result.source.startswith("[S10]")
    assert result.rule_set == "fr v2"
    assert result.effective_from == date(2016, 9, 3)


def test_cic_director_cap_tranches() -> None:
    """[S13] 15% of the cost below EUR 4M, 8% from 4 to 7M, 5% from 7 to 10M, at most 990,000.
    Cost 5,000,000: 600,000 + 80,000 = 680,000. Cost 12,000,000: 600,000 + 240,000 + 150,000 =
    990,000, the maximum."""
    five = figures("5000000", crew="1000000", director=Split(money("700000")))
    result = credit(plan(five), "cic")
    assert result.adjustments[0].amount == money("-20000.00")
    twelve = figures("12000000", crew="2000000", director=Split(money("1000000")))
    assert credit(plan(twelve), "cic").adjustments[0].amount == money("-10000.00")


def test_cic_foreign_language_justified_by_the_script() -> None:
    """[S10] [S11] 20% for a film in a foreign language when the script justifies it."""
    result = credit(plan(feature(), work=Work(language="en", foreign_language_justified=True)), "cic")
    assert result.rate == Decimal("20")
    assert result.amount == money("480000.00")  # 20% of the 2,400,000 capped base


def test_cic_foreign_language_not_justified_is_not_eligible() -> None:
    result = credit(plan(feature(), work=Work(language="en")), "cic")
    assert not result.eligible
    assert result.amount == 0
    assert result.reasons == (
        "a film in a foreign language (en) is eligible only when the script justifies it",
    )


def test_cic_vfx_heavy_fiction_and_animation_at_30_percent() -> None:
    """[S10] [S11] Fiction with at least 15% of shots digitally processed is treated like
    animation, whatever the language."""
    vfx = credit(plan(feature(), work=Work(language="en", vfx_shots_percentage=Decimal("15"))), "cic")
    assert vfx.rate == Decimal("30")
    assert "15% of shots digitally processed" in vfx.rate_reason
    animation = credit(plan(feature(), work=Work(language="en", genre="animation")), "cic")
    assert (animation.rate, animation.rate_reason) == (Decimal("30"), "animation, whatever the language")


def test_cic_capped_per_work() -> None:
    """[S10] [S11] EUR 30M per film: 30% of 150,000,000 is 45,000,000, capped."""
    big = figures("200000000", crew="150000000")
    result = credit(plan(big), "cic")
    assert result.credit_before_cap == money("45000000.00")
    assert result.amount == money("30000000")


def test_cic_subsidies_deducted_and_flagged_unverified() -> None:
    """[S9c] Non-repayable public subsidies are deducted from the base (TO VERIFY); an
    avance sur recettes, repaid from receipts, is not."""
    result = credit(
        plan(
            feature(),
            source("region", "regional_fund", "Région Bretagne", "200000", status="committed"),
            source("asr", "avance_sur_recettes", "CNC", "300000", status="committed"),
        ),
        "cic",
    )
    assert [item.label for item in result.adjustments] == [
        'subsidy deducted: sources[0] "Région Bretagne"',
        "base capped at 80% of the budget",
    ]
    assert result.base == money("2400000.00")  # 2,800,000 - 200,000, then capped
    assert any(
        w.startswith("data unverified: cic.deduct_subsidies = yes (TO VERIFY") for w in result.warnings
    )


def test_cic_base_on_the_french_share_of_a_coproduction() -> None:
    """[S10] [S11] Base at most 80% of the French share: a Belgian co-producer holds 30%, so
    80% of 70% of 3,000,000 = 1,680,000."""
    result = credit(
        plan(
            feature(),
            source("be", "coproduction", "Tarantula", "900000", country="BE", rights_share=Decimal("30")),
        ),
        "cic",
    )
    assert result.adjustments[-1].label == "base capped at 80% of the French share (70% of the budget)"
    assert result.base == money("1680000.00")
    assert result.amount == money("504000.00")


def test_cic_version_1_figures_are_sourced_version_2_to_verify() -> None:
    """The 2016 regime's rates are sourced in the 2020 set [S10, S11]; the current version of
    art. 220 sexies is NOT FOUND, so the 2026 set flags them TO VERIFY [S11c]."""
    old = credit(plan(feature()), "cic", rules=2021)
    new = credit(plan(feature()), "cic", rules=2026)
    assert old.rule_set == "fr v1"
    assert new.rule_set == "fr v2"
    assert old.amount == new.amount
    assert not any("rate_french_language" in w for w in old.warnings)
    assert any(
        w.startswith("data unverified: cic.rate_french_language = 30 (TO VERIFY") for w in new.warnings
    )
    assert any("cic.points_grid = none (NOT FOUND" in w for w in old.warnings)


# ----------------------------------------------------------------------------- crédit d'impôt audiovisuel


def television(total: str, minutes: int, genre: str = "fiction", **fields: Any) -> Plan:
    work = Work(
        kind="audiovisual", genre=genre, duration_minutes=Decimal(minutes), youth=fields.pop("youth", False)
    )
    return plan(figures(total, **fields), work=work)


def test_cia_fiction_capped_by_the_tier_per_minute() -> None:
    """[S9] [S9b] [S10] Fiction at 25%; 52 minutes costing 1,040,000 = 20,000 a minute, in the
    20,000-25,000 tier: EUR 3,000 a minute, 156,000. 25% of 800,000 = 200,000, capped."""
    result = credit(television("1040000", 52, crew="600000", technical_industries="200000"), "cia")
    assert result.eligible
    assert result.rate == Decimal("25")
    assert result.credit_before_cap == money("200000.00")
    assert result.cap == money("156000.00")
    assert result.amount == money("156000.00")
    assert "3 000.00 a minute for fiction costing 20 000.00 a minute" in result.cap_reason


def test_cia_fiction_tiers_at_their_bounds() -> None:
    """[S9] [S9b] Under 10,000 a minute: 1,250; 40,000 and over: 10,000."""
    low = credit(television("468000", 52, crew="400000"), "cia")  # 9,000 a minute
    assert low.cap == money("65000.00")  # 1,250 x 52
    high = credit(television("2080000", 52, crew="1000000"), "cia")  # 40,000 a minute
    assert high.cap == money("520000.00")  # 10,000 x 52


def test_cia_documentary() -> None:
    """[S9] [S10] Documentary at 20%, at most EUR 1,150 a minute; [S16] at least 24 minutes and
    2,000 a minute. 52 minutes, 260,000: 20% of 200,000 = 40,000 under 59,800."""
    result = credit(television("260000", 52, genre="documentary", crew="200000"), "cia")
    assert (result.rate, result.cap, result.amount) == (Decimal("20"), money("59800.00"), money("40000.00"))


def test_cia_animation_cap_conflict_between_versions() -> None:
    """[S10] says EUR 3,000 a minute for animation, [S9] (2026 listings) EUR 1,200: CONFLICT.
    26 minutes, 300,000 of eligible expenses at 25% = 75,000: under 78,000 in the 2020 set,
    capped at 31,200 in the 2026 set; both warn."""
    the_plan = television(
        "390000", 26, genre="animation", technical_industries="300000", excluding_overheads=money("364000")
    )
    old = credit(the_plan, "cia", rules=2021)
    new = credit(the_plan, "cia", rules=2026)
    assert (old.cap, old.amount) == (money("78000.00"), money("75000.00"))
    assert (new.cap, new.amount) == (money("31200.00"), money("31200.00"))
    assert any(
        w.startswith("data unverified: cia.cap_animation_per_minute = 3000 (CONFLICT") for w in old.warnings
    )
    assert any(
        w.startswith("data unverified: cia.cap_animation_per_minute = 1200 (CONFLICT") for w in new.warnings
    )


def test_cia_thresholds() -> None:
    """[S16] Fiction at least 45 minutes and EUR 5,000 a minute (youth fiction 3,000)."""
    short = credit(television("400000", 40, crew="200000"), "cia")
    assert short.reasons == ("40 minutes: fiction needs at least 45",)
    assert short.amount == 0
    cheap = credit(television("200000", 52, crew="100000"), "cia")
    assert cheap.reasons == ("3 846.15 a minute: fiction needs at least 5 000.00 a minute",)
    youth = credit(television("200000", 52, crew="100000", youth=True), "cia")
    assert youth.eligible


def test_cia_animation_threshold_without_overheads() -> None:
    """[S16] Animation: at least 3,000 a minute excluding frais généraux and imprévus:
    26 minutes, 80,000 in all but 76,000 without them: 2,923.08 a minute."""
    result = credit(
        television(
            "80000", 26, genre="animation", technical_industries="50000", excluding_overheads=money("76000")
        ),
        "cia",
    )
    assert result.reasons == ("2 923.08 a minute: animation needs at least 3 000.00 a minute",)


# ----------------------------------------------------------------------------- crédit d'impôt international


def foreign_work(vfx_french: str = "2500000", **fields: Any) -> Plan:
    work = Work(
        genre="fiction",
        language="en",
        foreign_production=True,
        vfx_shots_percentage=Decimal(fields.pop("shots", "20")),
        shooting_days_france=fields.pop("days", 12),
    )
    budget = figures(
        fields.pop("total", "10000000"),
        foreign=fields.pop("foreign", "4000000"),
        crew="2000000",
        technical_industries="3000000",
        transport_catering_lodging="1000000",
        vfx=Split(money(vfx_french)),
    )
    return plan(budget, *fields.pop("sources", ()), work=work, **fields)


def test_c2i_vfx_rate_on_all_expenses() -> None:
    """[S15] [S15b] 40% when at least 15% of shots are processed and VFX spending in France is
    over EUR 2M, on all eligible expenses since 7 June 2020: 40% of 6,000,000."""
    result = credit(foreign_work(), "c2i")
    assert result.eligible
    assert result.rate == Decimal("40")
    assert result.amount == money("2400000.00")


def test_c2i_standard_rate() -> None:
    """[S15] 30% when VFX spending in France is not over EUR 2M."""
    result = credit(foreign_work(vfx_french="2000000"), "c2i")
    assert result.rate == Decimal("30")
    assert result.amount == money("1800000.00")


def test_c2i_conditions() -> None:
    """[S15c] Not for a work eligible for CNC aid; at least 5 shooting days in France; at least
    EUR 250,000 of spending in France (50% of a budget under 500,000)."""
    result = credit(foreign_work(days=3, sources=(source("cnc", "cnc_selective", "CNC", "100000"),)), "c2i")
    assert result.reasons == (
        'a work eligible for CNC aid cannot claim it, and the plan has sources[0] "CNC"',
        "3 shooting days in France: live action needs at least 5",
    )
    small = plan(
        figures("400000", crew="150000"),
        work=Work(genre="animation", foreign_production=True),
    )
    assert credit(small, "c2i").reasons == (
        "eligible spending in France 150 000.00 is under 200 000.00 (50% of a budget under 500 000.00)",
    )


def test_c2i_time_limit_in_the_2026_set() -> None:
    """[S15] Expenses incurred in France before 31 Dec 2026 (current listing); the 2020 set
    has no limit (NOT FOUND) and says so."""
    phases = (
        Phase("shooting", date(2026, 6, 1), date(2026, 8, 31)),
        Phase("post_production", date(2026, 9, 1), date(2027, 3, 31)),
    )
    the_plan = foreign_work(
        phases=phases, spend_profile={"*": {"shooting": Decimal(50), "post_production": Decimal(50)}}
    )
    new = credit(the_plan, "c2i", rules=2026)
    assert (
        "only expenses incurred before 2026-12-31 are eligible, and post_production runs to 2027-03-31"
        in new.warnings
    )
    old = credit(the_plan, "c2i", rules=2021)
    assert any(w.startswith("data unverified: c2i.expenses_until = none (NOT FOUND") for w in old.warnings)


def test_the_credit_enters_the_plan_as_a_source() -> None:
    """A credit no source names is added, computed, with the status 'idea'; a tax-credit source
    without an amount takes the computed credit and keeps its own status."""
    added = check_plan(plan(feature())).scenarios[0]
    line = next(item for item in added.sources if item.id == "credit:cic")
    assert (line.amount, line.status, line.added, line.computed, line.public) == (
        money("720000.00"),
        "idea",
        True,
        True,
        True,
    )
    named = check_plan(
        plan(feature(), source("cic", "tax_credit", "État", None, credit="cic", status="committed"))
    )
    line = named.scenarios[0].sources[0]
    assert (line.id, line.amount, line.status, line.computed, line.added) == (
        "cic",
        money("720000.00"),
        "committed",
        True,
        False,
    )
    assert named.scenarios[0].coverage.secured == money("720000.00")


def test_a_given_credit_that_differs_from_the_computed_one_is_flagged() -> None:
    result = check_plan(plan(feature(), source("cic", "tax_credit", "État", "800000", credit="cic")))
    assert result.scenarios[0].warnings == (
        'sources[0] "État": amount 800000.00 differs from the computed Crédit d\'impôt cinéma 720000.00',
    )
