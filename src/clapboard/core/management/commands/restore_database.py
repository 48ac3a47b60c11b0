"""Bring back a backup made by backup_database, replacing the current data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from clapboard.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database contents with the backup in FILE."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--database", default="default")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            restore(options["file"], using=options["database"])
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {options['file']}. If the backup comes from an older version, "
                "run `clapboard manage migrate` (`clapboard serve` does it on start)."
            )
        )
