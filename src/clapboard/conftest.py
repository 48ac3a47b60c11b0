"""The shared fixtures of tests/conftest.py, for the apps' own tests (src/clapboard/*/tests).

Only fixtures that a test asks for by name are brought in; the autouse ones stay with
the tests/ directory.
"""

from tests.conftest import api_client_for, member_factory, outsider, producer, production

__all__ = ["api_client_for", "member_factory", "outsider", "producer", "production"]
