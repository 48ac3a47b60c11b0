"""Laying out a stripboard must not load the optimizer's heavy dependencies."""

from __future__ import annotations

import subprocess
import sys


def test_the_board_and_calendar_do_not_load_or_tools() -> None:
    code = (
        "import sys; import clapboard.engines.schedule.board, clapboard.engines.schedule.calendar; "
        "print('ortools' in sys.modules, 'pandas' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["False", "False"]


def test_the_solver_is_still_there_on_first_use() -> None:
    from clapboard.engines import schedule

    assert callable(schedule.solve)
    assert schedule.Solution.__name__ == "Solution"
