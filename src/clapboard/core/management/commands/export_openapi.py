"""Write the API's OpenAPI document, byte for byte as it is committed in docs/openapi.json."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from clapboard.config.api import openapi_text


class Command(BaseCommand):
    help = "Export the OpenAPI document of the REST API (sorted keys, indent 2, final newline)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", help="File to write; the document goes to stdout without it.")
        parser.add_argument(
            "--check",
            action="store_true",
            help="Write nothing; fail when --output differs from the generated document.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        text = openapi_text()
        output = options["output"]
        if options["check"]:
            if not output:
                raise CommandError("--check needs --output, the committed file to compare.")
            path = Path(output)
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                raise CommandError(
                    f"{output} is out of date; run: manage.py export_openapi --output {output}"
                )
            self.stdout.write(f"{output} is up to date.")
            return
        if not output:
            self.stdout.write(text, ending="")
            return
        path = Path(output)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {output}.")
