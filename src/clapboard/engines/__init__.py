"""Pure-Python computation engines (screenplay, scheduler, budget, financing, waterfall).

Nothing under this package may import Django or any Clapboard app: the engines take
and return plain dataclasses so that they can be tested, benchmarked and reused alone.
A test (tests/test_architecture.py) keeps it that way.
"""
