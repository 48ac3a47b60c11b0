"""Consistent backups of the database while the application runs, and their restore.

SQLite goes through SQLite's online backup API, which copies a consistent snapshot even
while other processes write. PostgreSQL goes through ``pg_dump -Fc`` and
``pg_restore``, taken from the installation whose major version matches the server's
where Debian's side-by-side layout (``/usr/lib/postgresql/<major>/bin``) has one.

Uploaded files (MEDIA_ROOT or the S3 bucket) are not part of the database backup.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
from pathlib import Path
from typing import Any

from django.db import connections

SQLITE_MAGIC = b"SQLite format 3\x00"
PG_CUSTOM_MAGIC = b"PGDMP"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message says why, for the operator."""


def _settings(using: str) -> dict[str, Any]:
    return connections[using].settings_dict


def _engine(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def backup(path: Path, using: str = "default") -> Path:
    """Write a snapshot of database ``using`` to ``path`` (replaced only once complete)."""
    path = Path(path).resolve()
    if not path.parent.is_dir():
        raise BackupError(f"Cannot write {path}: the folder {path.parent} does not exist.")
    # Write beside the target and rename at the end, so an interrupted backup never
    # leaves a half-written file under the name of a good one.
    handle, partial_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".partial", dir=path.parent)
    os.close(handle)
    partial = Path(partial_name)
    try:
        if _engine(using) == "sqlite":
            _sqlite_backup(_sqlite_path(using), partial)
        else:
            _pg_dump(using, partial)
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)
    return path


def restore(path: Path, using: str = "default") -> None:
    """Replace the contents of database ``using`` with the backup in ``path``."""
    path = Path(path).resolve()
    if not path.is_file():
        raise BackupError(f"{path} does not exist or is not a file.")
    engine = _engine(using)
    kind = detect_kind(path)
    if kind is None:
        raise BackupError(
            f"{path} is not a Clapboard backup: it is neither an SQLite database made by "
            "`clapboard backup` nor a PostgreSQL custom-format dump."
        )
    if kind != engine:
        raise BackupError(
            f"{path} is a {_ENGINE_NAMES[kind]} backup, but this installation uses "
            f"{_ENGINE_NAMES[engine]}; restore it into a {_ENGINE_NAMES[kind]} database."
        )
    connections[using].close()
    if engine == "sqlite":
        _sqlite_restore(path, _sqlite_path(using))
    else:
        _pg_restore(using, path)
    connections[using].close()


_ENGINE_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def detect_kind(path: Path) -> str | None:
    """``"sqlite"`` or ``"postgresql"`` for a file that looks like one of our backups, else None."""
    with open(path, "rb") as file:
        head = file.read(len(SQLITE_MAGIC))
    if head.startswith(PG_CUSTOM_MAGIC):
        return "postgresql"
    if head == SQLITE_MAGIC and _is_django_sqlite(path):
        return "sqlite"
    return None


# --- SQLite -----------------------------------------------------------------------------


def _sqlite_path(using: str) -> Path:
    name = str(_settings(using)["NAME"])
    if name == ":memory:" or name.startswith("file:") or "mode=memory" in name:
        raise BackupError("The database lives in memory; there is no file to back up or restore.")
    return Path(name)


def _is_django_sqlite(path: Path) -> bool:
    try:
        source = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = source.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
        ).fetchone()
        return row is not None and source.execute("PRAGMA quick_check").fetchone() == ("ok",)
    except sqlite3.DatabaseError:
        return False
    finally:
        source.close()


def _sqlite_copy(source_path: Path, target_path: Path) -> None:
    source = sqlite3.connect(source_path, timeout=30)
    target = sqlite3.connect(target_path, timeout=30)
    try:
        source.execute("PRAGMA busy_timeout = 30000")
        target.execute("PRAGMA busy_timeout = 30000")
        # pages=-1 copies everything in one step under one read lock: a consistent snapshot.
        source.backup(target, pages=-1)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not copy {source_path} to {target_path}: {error}") from error
    finally:
        target.close()
        source.close()


def _sqlite_backup(database: Path, target: Path) -> None:
    if not database.exists():
        raise BackupError(f"The database file {database} does not exist yet; run `clapboard manage migrate`.")
    _sqlite_copy(database, target)
    # The copy inherits WAL mode; a backup is one self-contained file, so switch it back.
    copy = sqlite3.connect(target)
    try:
        copy.execute("PRAGMA journal_mode = DELETE")
    finally:
        copy.close()


def _sqlite_restore(backup_file: Path, database: Path) -> None:
    database.parent.mkdir(parents=True, exist_ok=True)
    _sqlite_copy(backup_file, database)


# --- PostgreSQL -------------------------------------------------------------------------


def _pg_environment(using: str) -> tuple[list[str], dict[str, str]]:
    """Connection arguments and environment for the client tools, from DATABASES."""
    config = _settings(using)
    arguments = ["--dbname", str(config["NAME"])]
    if config.get("HOST"):
        arguments += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        arguments += ["--port", str(config["PORT"])]
    if config.get("USER"):
        arguments += ["--username", str(config["USER"])]
    environment = dict(os.environ)
    if config.get("PASSWORD"):
        environment["PGPASSWORD"] = str(config["PASSWORD"])
    for option, variable in (("sslmode", "PGSSLMODE"), ("sslrootcert", "PGSSLROOTCERT")):
        value = (config.get("OPTIONS") or {}).get(option)
        if value:
            environment[variable] = str(value)
    return arguments, environment


def _server_major_version(using: str) -> int:
    connection = connections[using]
    connection.ensure_connection()
    return int(connection.pg_version // 10000)  # type: ignore[attr-defined]


def pg_tool(name: str, using: str = "default") -> str:
    """The path of ``pg_dump``/``pg_restore`` matching the server's major version when installed."""
    major = _server_major_version(using)
    candidate = Path(f"/usr/lib/postgresql/{major}/bin/{name}")
    if candidate.is_file():
        return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed; install the PostgreSQL {major} client tools "
            f"(Debian: apt-get install postgresql-client-{major})."
        )
    return found


def _run(command: list[str], environment: dict[str, str], what: str) -> None:
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            f"{what} failed ({Path(command[0]).name} exit {result.returncode}):\n{result.stderr}"
        )


def _pg_dump(using: str, target: Path) -> None:
    arguments, environment = _pg_environment(using)
    command = [
        pg_tool("pg_dump", using),
        "--format=custom",
        "--no-password",
        "--file",
        str(target),
        *arguments,
    ]
    _run(command, environment, "pg_dump")


def _pg_restore(using: str, backup_file: Path) -> None:
    arguments, environment = _pg_environment(using)
    command = [
        pg_tool("pg_restore", using),
        "--clean",
        "--if-exists",
        "--no-owner",
        "--no-privileges",
        "--single-transaction",
        "--exit-on-error",
        "--no-password",
        *arguments,
        str(backup_file),
    ]
    _run(command, environment, "pg_restore")
