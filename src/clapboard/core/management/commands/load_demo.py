"""Load the demo company, people and productions (idempotent) and print the logins."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from clapboard.core.demo import DemoContext, load_demo


def format_logins(context: DemoContext) -> str:
    width = max(len(login.username) for login in context.logins)
    lines = [
        f"  {login.username:<{width}}  {login.password}  {login.description}" for login in context.logins
    ]
    return "\n".join(["Demo logins (username, password, who):", *lines])


class Command(BaseCommand):
    help = "Create the demo data set, or complete it if it is already there, and print the logins."

    def handle(self, *args: Any, **options: Any) -> None:
        context = load_demo()
        self.stdout.write(self.style.SUCCESS("The demo data is loaded."))
        self.stdout.write(format_logins(context))
