"""Demo part: the short film's plan de financement against its devis, with the sources a
Breton short gathers (the producer's equity, the Région Bretagne and Finistère funds,
the CNC's selective aid to short films, a regional TV pre-sale, the Procirep, a
crowdfunding campaign, a local sponsor and the tax credit computed from the budget),
two scenarios, and the phases of its key dates, so that the page shows a gap, a
credit and a cash flow that needs bridging. Loading the demo again changes nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from clapboard.budgets.models import BudgetVersion
from clapboard.core.demo import DemoContext, demo_part

from . import actions
from .models import FinancingPlan, Source

NAME = "Plan de financement"
BUDGET_NAME = "Devis de production"

SOURCES = (
    {
        "type": "producer_equity",
        "partner": "Films du Contre-Jour",
        "amount": Decimal("15000"),
        "status": "received",
        "expected_date": dt.date(2026, 3, 2),
        "actual_date": dt.date(2026, 3, 2),
        "conditions": "Apport en numéraire de la société de production.",
    },
    {
        "type": "deferment",
        "partner": "Films du Contre-Jour (salaire producteur en participation)",
        "amount": Decimal("3000"),
        "status": "committed",
        "conditions": "Salaire du producteur délégué différé, payé sur les recettes.",
        "recoups": True,
        "recoupment_notes": "Premier rang, sur les recettes nettes part producteur.",
    },
    {
        "type": "regional_fund",
        "partner": "Région Bretagne — fonds d'aide à la création (court métrage)",
        "amount": Decimal("45000"),
        "status": "committed",
        "expected_date": dt.date(2026, 12, 1),
        "conditions": "Dépenses en Bretagne au moins égales à l'aide; tournage en Bretagne.",
        "instalments": [
            {"date": "2026-12-01", "percentage": "60"},
            {"date": "2027-09-15", "percentage": "40"},
        ],
    },
    {
        "type": "regional_fund",
        "partner": "Département du Finistère",
        "amount": Decimal("10000"),
        "status": "contracted",
        "expected_date": dt.date(2027, 1, 15),
    },
    {
        "type": "cnc_selective",
        "partner": "CNC — aide au programme court métrage (avant réalisation)",
        "amount": Decimal("60000"),
        "status": "applied",
        "expected_date": dt.date(2026, 12, 15),
        "conditions": "Commission de mars; réponse attendue en juin.",
        "instalments": [
            {"date": "2026-12-15", "percentage": "70"},
            {"date": "2027-08-01", "percentage": "30"},
        ],
    },
    {
        "type": "tv_presale",
        "partner": "France 3 Bretagne — préachat",
        "amount": Decimal("25000"),
        "status": "approached",
        "expected_date": dt.date(2027, 7, 1),
        "conditions": "Deux diffusions sur 3 ans; livraison PAD.",
    },
    {
        "type": "other",
        "partner": "Procirep-Angoa — aide au court métrage",
        "amount": Decimal("7000"),
        "status": "applied",
        "expected_date": dt.date(2027, 3, 15),
    },
    {
        "type": "crowdfunding",
        "partner": "Campagne de financement participatif",
        "amount": Decimal("8000"),
        "status": "idea",
        "expected_date": dt.date(2026, 10, 15),
    },
    {
        "type": "sponsorship",
        "partner": "Armement du Ponant (parrainage)",
        "amount": Decimal("3000"),
        "status": "approached",
        "expected_date": dt.date(2027, 1, 30),
        "conditions": "Mise à disposition du bac et logo au générique de fin.",
    },
    {
        "type": "tax_credit",
        "partner": "État — crédit d'impôt cinéma",
        "amount": None,
        "credit": "cic",
        "status": "idea",
        "expected_date": dt.date(2027, 10, 1),
        "conditions": "Agrément provisoire à demander avant le tournage.",
    },
)

SCENARIOS = (
    ("Plan B — sans l'aide du CNC", ("CNC — aide au programme court métrage (avant réalisation)",)),
    (
        "Plan C — sans France 3 ni parrainage",
        ("France 3 Bretagne — préachat", "Armement du Ponant (parrainage)"),
    ),
)


@demo_part(order=600)
def short_film_financing(context: DemoContext) -> None:
    production = context.objects["short_film"]
    if FinancingPlan.objects.filter(production=production, name=NAME).exists():
        return
    version = (
        BudgetVersion.objects.filter(budget__production=production, budget__name=BUDGET_NAME)
        .order_by("-number")
        .first()
    )
    if version is None:
        return
    producer = context.objects["users"]["producer"]
    plan = actions.create_plan(
        production,
        acting_user=producer,
        name=NAME,
        budget_version=version,
        first_or_second_film=True,
        shooting_days_france=6,
        bridge_rate=Decimal("6.5"),
    )
    for fields in SOURCES:
        actions.add_source(plan, acting_user=producer, **fields)
    by_partner = {source.partner: source for source in Source.objects.filter(plan=plan)}
    for name, partners in SCENARIOS:
        actions.add_scenario(
            plan, acting_user=producer, name=name, without=[by_partner[partner] for partner in partners]
        )
    plan.refresh_from_db()
    actions.recheck_plan(plan, acting_user=producer, expected_version=plan.version)
    context.objects["short_film_financing"] = plan
