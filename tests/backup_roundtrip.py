"""Steps of the backup round trip, shared by the SQLite and PostgreSQL tests.

The SQLite test runs each step in its own process against a database file in a
temporary ``CLAPBOARD_VAR_DIR`` (``python -m tests.backup_roundtrip STEP``), as an
operator would; the PostgreSQL test calls the same functions in-process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from typing import Any


def make_data() -> None:
    """A company, two productions, a team, phases, key dates and episodes, all through actions."""
    from clapboard.productions import actions
    from clapboard.productions.models import KeyDate
    from clapboard.productions.roles import Role
    from tests import factories

    producer = factories.make_user("backup-producer", full_name="Agnès Varda-Test")
    colleague = factories.make_user("backup-colleague")
    company = factories.make_company(producer, name="Ciné-Tamaris Test", registration_number="847319258")
    film = factories.make_production(producer, company, title="Sauvegarde", kind="short", languages=["fr"])
    actions.change_phase(film, acting_user=producer, phase="financing")
    actions.invite_member(film, acting_user=producer, email=colleague.email, role=Role.DIRECTOR)
    actions.invite_member(film, acting_user=producer, email="newcomer@example.org", role=Role.CREW)
    actions.set_key_date(film, acting_user=producer, kind=KeyDate.Kind.SHOOT_START, date=dt.date(2027, 3, 1))
    series = factories.make_production(producer, company, title="Restauration", kind="series")
    for number in (1, 2):
        actions.create_episode(series, acting_user=producer, number=number, title=f"Épisode {number}")


def change_data() -> None:
    """Edit, delete and add rows in several tables, so that a restore has work to do."""
    from clapboard.accounts.models import User
    from clapboard.productions import actions
    from clapboard.productions.models import Episode, Production, ProductionMember
    from tests import factories

    producer = User.objects.get(username="backup-producer")
    film = Production.objects.get(title="Sauvegarde")
    actions.update_production(film, acting_user=producer, expected_version=film.version, title="Écrasé")
    member = ProductionMember.objects.get(production=film, user__username="backup-colleague")
    actions.remove_member(member, acting_user=producer)
    actions.delete_episode(Episode.objects.get(number=2), acting_user=producer)
    factories.make_production(producer, title="Après la sauvegarde")
    User.objects.filter(username="backup-colleague").delete()


def snapshot() -> dict[str, list[dict[str, Any]]]:
    """Every row of every table that a model maps, ordered by primary key, as JSON values."""
    from django.apps import apps
    from django.core.serializers.json import DjangoJSONEncoder

    tables: dict[str, list[dict[str, Any]]] = {}
    for model in apps.get_models(include_auto_created=True):
        if not model._meta.managed or model._meta.proxy:
            continue
        rows = list(model._base_manager.order_by("pk").values())
        tables[model._meta.db_table] = json.loads(json.dumps(rows, cls=DjangoJSONEncoder))
    return tables


def main(step: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "clapboard.config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    if step == "make":
        call_command("migrate", interactive=False, verbosity=0)
        make_data()
    elif step == "change":
        change_data()
    elif step != "snapshot":
        raise SystemExit(f"unknown step {step!r}: make, change or snapshot")
    json.dump(snapshot(), sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1])
