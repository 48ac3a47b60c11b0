"""The words of the financing documents, in French and English."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

Language = Literal["fr", "en"]

LABELS: Mapping[str, Mapping[str, str]] = {
    "fr": {
        "plan_document": "Plan de financement",
        "summary_document": "Note aux investisseurs",
        "french_financing": "Financement français",
        "foreign_financing": "Financement étranger",
        "group_producer": "Apport producteur",
        "group_cnc": "Aides du CNC",
        "group_regional": "Aides régionales",
        "group_tv": "Préachats TV",
        "group_sofica": "SOFICA",
        "group_tax_credit": "Crédit d'impôt",
        "group_other": "Autres financements",
        "foreign_group": "Coproduction — {country}",
        "total_french": "Total financement français",
        "total_foreign": "Total financement étranger",
        "total": "Total du financement",
        "budget": "Coût de l'œuvre (budget)",
        "secured": "Financement acquis",
        "gap": "Reste à financer",
        "surplus": "Excédent",
        "public": "Aides publiques",
        "public_share": "Part des aides publiques",
        "col_source": "Source",
        "col_status": "Statut",
        "col_amount": "Montant",
        "col_share": "% du budget",
        "col_secured": "Acquis",
        "col_public": "Public",
        "col_group": "Rubrique",
        "yes": "oui",
        "no": "non",
        "tax_credit": "Crédit d'impôt",
        "col_credit": "Crédit",
        "col_base": "Base",
        "col_rate": "Taux",
        "not_eligible": "non éligible",
        "rules": "Règles d'intensité et de coproduction",
        "col_rule": "Règle",
        "col_result": "Résultat",
        "rule_ok": "respectée",
        "rule_over": "dépassée",
        "rule_fail": "non respectée",
        "rule_not_checked": "non vérifiée",
        "rule_not_applicable": "sans objet",
        "status_idea": "Piste",
        "status_approached": "Contacté",
        "status_applied": "Dossier déposé",
        "status_committed": "Engagé par écrit",
        "status_contracted": "Contracté",
        "status_received": "Reçu",
        "currency_line": "Montants en {currency}",
        "no_sources": "Aucune source de financement.",
        "budget_top": "Budget par chapitre",
        "col_chapter": "Chapitre",
        "subtotal": "Sous-total",
        "grand_total": "Total général",
        "financing": "Financement",
        "key_dates": "Dates clés",
        "col_date": "Date",
        "col_milestone": "Étape",
        "cast": "Distribution principale",
        "page_of": "Page {page} / {pages}",
        "continued": "(suite)",
        "sheet_plan": "Plan de financement",
    },
    "en": {
        "plan_document": "Financing plan",
        "summary_document": "Investor summary",
        "french_financing": "French financing",
        "foreign_financing": "Foreign financing",
        "group_producer": "Producer's contribution",
        "group_cnc": "CNC aids",
        "group_regional": "Regional aids",
        "group_tv": "TV pre-sales",
        "group_sofica": "SOFICA",
        "group_tax_credit": "Tax credit",
        "group_other": "Other financing",
        "foreign_group": "Co-production — {country}",
        "total_french": "Total French financing",
        "total_foreign": "Total foreign financing",
        "total": "Total financing",
        "budget": "Cost of the work (budget)",
        "secured": "Secured financing",
        "gap": "Gap",
        "surplus": "Surplus",
        "public": "Public aid",
        "public_share": "Public aid share",
        "col_source": "Source",
        "col_status": "Status",
        "col_amount": "Amount",
        "col_share": "% of budget",
        "col_secured": "Secured",
        "col_public": "Public",
        "col_group": "Heading",
        "yes": "yes",
        "no": "no",
        "tax_credit": "Tax credit",
        "col_credit": "Credit",
        "col_base": "Base",
        "col_rate": "Rate",
        "not_eligible": "not eligible",
        "rules": "Aid-intensity and co-production rules",
        "col_rule": "Rule",
        "col_result": "Result",
        "rule_ok": "met",
        "rule_over": "over the ceiling",
        "rule_fail": "not met",
        "rule_not_checked": "not checked",
        "rule_not_applicable": "not applicable",
        "status_idea": "Idea",
        "status_approached": "Approached",
        "status_applied": "Applied",
        "status_committed": "Committed in writing",
        "status_contracted": "Contracted",
        "status_received": "Received",
        "currency_line": "Amounts in {currency}",
        "no_sources": "No source of financing.",
        "budget_top": "Budget by chapter",
        "col_chapter": "Chapter",
        "subtotal": "Subtotal",
        "grand_total": "Grand total",
        "financing": "Financing",
        "key_dates": "Key dates",
        "col_date": "Date",
        "col_milestone": "Milestone",
        "cast": "Key cast",
        "page_of": "Page {page} of {pages}",
        "continued": "(cont'd)",
        "sheet_plan": "Financing plan",
    },
}


def labels_for(language: str) -> Mapping[str, str]:
    """The words of ``language``; ValueError for a language the documents do not speak."""
    try:
        return LABELS[language]
    except KeyError:
        raise ValueError(f"unknown language: {language!r} (fr or en)") from None


def group_title(key: str, foreign: bool, words: Mapping[str, str]) -> str:
    if foreign:
        return words["foreign_group"].format(country=key)
    return words[f"group_{key}"]


def status_title(status: str, words: Mapping[str, str]) -> str:
    return words.get(f"status_{status}", status)


def rule_status(status: str, words: Mapping[str, str]) -> str:
    return words.get(f"rule_{status}", status)
