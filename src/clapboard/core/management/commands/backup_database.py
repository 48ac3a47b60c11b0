"""Snapshot the database into a file while the application keeps running."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from clapboard.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database to FILE (SQLite copy or pg_dump custom format)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            path = backup(options["file"], using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {path} ({path.stat().st_size:,} bytes)."))
