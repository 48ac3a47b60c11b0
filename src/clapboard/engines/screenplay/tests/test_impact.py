"""The impact of a new draft per department."""

from __future__ import annotations

import pytest

from clapboard.engines.screenplay.revisions import Impact, department_impact, department_impact_counts


def test_department_impact() -> None:
    old = {"props": {"Verre", "Lampe tempête", "barque"}, "vehicles": {"Tracteur"}, "animals": {"Mousse"}}
    new = {"props": {"Verre", "Serviette", "Barque"}, "vehicles": {"Tracteur"}, "vfx": {"Pont fantôme"}}
    assert department_impact(old, new) == {
        "animals": Impact(added=(), removed=("Mousse",)),
        "props": Impact(added=("Barque", "Serviette"), removed=("barque", "Lampe tempête")),
        "vfx": Impact(added=("Pont fantôme",), removed=()),
    }
    assert department_impact(old, old) == {}


def test_department_impact_counts() -> None:
    old = {"vfx": {"Pont": 4, "Brume": 2}, "props": {"Verre": 3}, "stunts": {"Chute": 1}}
    new = {"vfx": {"Pont": 7, "Brume": 2, "Tempête": 1}, "props": {"Verre": 3}, "stunts": {"Chute": 0}}
    assert department_impact_counts(old, new) == {
        "stunts": Impact(added=(), removed=("Chute",), changed=()),
        "vfx": Impact(added=("Tempête",), removed=(), changed=(("Pont", 4, 7),)),
    }
    with pytest.raises(ValueError, match="negative"):
        department_impact_counts({"vfx": {"Pont": -1}}, {})
