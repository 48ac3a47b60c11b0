"""Mark as failed the running jobs whose worker stopped reporting (see core.jobs.STALE_AFTER)."""

from typing import Any

from django.core.management.base import BaseCommand

from clapboard.core.jobs import fail_stale_jobs


class Command(BaseCommand):
    help = "Mark as failed the running jobs whose worker stopped reporting progress."

    def handle(self, *args: Any, **options: Any) -> None:
        count = fail_stale_jobs()
        if count:
            self.stdout.write(f"{count} job(s) left running by a stopped worker marked as failed.")
