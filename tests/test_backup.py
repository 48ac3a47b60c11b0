"""Backup and restore bring back every row of every table, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from zeal import zeal_ignore

from . import backup_roundtrip

PROJECT = Path(__file__).resolve().parent.parent


def run(*arguments: str, var_dir: Path) -> str:
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    environment |= {"CLAPBOARD_VAR_DIR": str(var_dir), "DJANGO_SETTINGS_MODULE": "clapboard.config.settings"}
    result = subprocess.run(
        [sys.executable, *arguments],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def assert_same_tables(actual: dict, expected: dict) -> None:
    assert actual.keys() == expected.keys()
    for table, rows in expected.items():
        assert actual[table] == rows, f"table {table} differs after restore"


def test_sqlite_backup_and_restore_from_the_command_line(tmp_path: Path):
    var_dir = tmp_path / "var"
    backup_file = tmp_path / "clapboard.backup"
    before = json.loads(run("-m", "tests.backup_roundtrip", "make", var_dir=var_dir))
    assert before["productions_production"], "the scenario made no production"

    run("-m", "clapboard.cli", "backup", str(backup_file), var_dir=var_dir)
    changed = json.loads(run("-m", "tests.backup_roundtrip", "change", var_dir=var_dir))
    assert changed != before
    output = run("-m", "clapboard.cli", "restore", "--yes", str(backup_file), var_dir=var_dir)
    assert "Restored" in output

    after = json.loads(run("-m", "tests.backup_roundtrip", "snapshot", var_dir=var_dir))
    assert_same_tables(after, before)


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_and_restore(tmp_path: Path):
    if connection.vendor != "postgresql":
        pytest.skip("needs DATABASE_URL pointing to PostgreSQL")
    backup_file = tmp_path / "clapboard.dump"
    # The scenario calls actions one after another, like a script: not an N+1 pattern.
    with zeal_ignore():
        backup_roundtrip.make_data()
    before = backup_roundtrip.snapshot()

    call_command("backup_database", str(backup_file))
    assert backup_file.read_bytes().startswith(b"PGDMP")
    with zeal_ignore():
        backup_roundtrip.change_data()
    assert backup_roundtrip.snapshot() != before
    call_command("restore_database", str(backup_file))

    assert_same_tables(backup_roundtrip.snapshot(), before)


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path: Path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("Liste des décors, version 3\n")
    with pytest.raises(CommandError, match=r"notes\.txt is not a Clapboard backup"):
        call_command("restore_database", str(not_a_backup))


def test_restore_refuses_a_missing_file(tmp_path: Path):
    with pytest.raises(CommandError, match=r"missing\.db does not exist"):
        call_command("restore_database", str(tmp_path / "missing.db"))


def test_restore_refuses_a_backup_of_the_other_kind_of_database(tmp_path: Path):
    other = tmp_path / "other.backup"
    if connection.vendor == "postgresql":
        import sqlite3

        database = sqlite3.connect(other)
        database.execute("CREATE TABLE django_migrations (id INTEGER PRIMARY KEY)")
        database.commit()
        database.close()
        expected = "is a SQLite backup, but this installation uses PostgreSQL"
    else:
        other.write_bytes(b"PGDMP\x01\x0f\x00" + bytes(100))
        expected = "is a PostgreSQL backup, but this installation uses SQLite"
    with pytest.raises(CommandError, match=expected):
        call_command("restore_database", str(other))


def test_an_sqlite_file_that_is_not_a_clapboard_database_is_refused(tmp_path: Path):
    import sqlite3

    foreign = tmp_path / "address-book.sqlite"
    database = sqlite3.connect(foreign)
    database.execute("CREATE TABLE contacts (name TEXT)")
    database.commit()
    database.close()
    with pytest.raises(CommandError, match=r"address-book\.sqlite is not a Clapboard backup"):
        call_command("restore_database", str(foreign))


def test_an_sqlite_backup_is_a_snapshot_taken_while_a_writer_is_busy(tmp_path: Path):
    """The application keeps writing during a backup: the copy has what was committed, no more."""
    import sqlite3

    from clapboard.core.backup import _sqlite_backup

    live = tmp_path / "live.sqlite3"
    writer = sqlite3.connect(live, isolation_level=None)
    writer.execute("PRAGMA journal_mode = WAL")
    writer.execute("CREATE TABLE takes (number INTEGER)")
    writer.execute("INSERT INTO takes VALUES (1)")
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("INSERT INTO takes VALUES (2)")

    _sqlite_backup(live, tmp_path / "copy.sqlite3")
    writer.execute("COMMIT")
    writer.close()

    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("SELECT number FROM takes").fetchall() == [(1,)]
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    copy.close()
