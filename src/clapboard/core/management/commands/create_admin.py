"""Create an administrator account, or promote and reset an existing one."""

from __future__ import annotations

import getpass
import os
import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email
from django.db import transaction

ENVIRONMENT = {
    "username": "CLAPBOARD_ADMIN_USERNAME",
    "email": "CLAPBOARD_ADMIN_EMAIL",
    "password": "CLAPBOARD_ADMIN_PASSWORD",
}


class Command(BaseCommand):
    help = (
        "Create a superuser. Values come from the options, else from CLAPBOARD_ADMIN_USERNAME, "
        "CLAPBOARD_ADMIN_EMAIL and CLAPBOARD_ADMIN_PASSWORD, else from prompts on a terminal. "
        "An existing account of that name is made administrator and gets the new password."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument(
            "--password",
            help="Prefer CLAPBOARD_ADMIN_PASSWORD or the prompt: options show up in the process list.",
        )
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args: Any, **options: Any) -> None:
        interactive = options["interactive"] and sys.stdin.isatty()
        values = {
            name: options[name] or os.environ.get(variable, "") for name, variable in ENVIRONMENT.items()
        }
        if not values["username"]:
            values["username"] = self._ask("Username: ", interactive, "username").strip()
        if not values["email"]:
            values["email"] = self._ask("E-mail: ", interactive, "email").strip()
        if not values["password"]:
            values["password"] = self._ask_password(interactive)
        self._validate(values)
        user = self._save(values)
        self.stdout.write(self.style.SUCCESS(f"Administrator “{user.get_username()}” is ready."))

    def _ask(self, prompt: str, interactive: bool, name: str) -> str:
        if not interactive:
            raise CommandError(f"Give --{name} or set {ENVIRONMENT[name]} (no terminal to ask on).")
        return input(prompt)

    def _ask_password(self, interactive: bool) -> str:
        if not interactive:
            raise CommandError(f"Give --password or set {ENVIRONMENT['password']} (no terminal to ask on).")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords differ.")
        return first

    def _validate(self, values: dict[str, str]) -> None:
        user_model = get_user_model()
        try:
            if not values["username"]:
                raise ValidationError("The username cannot be empty.")
            validate_email(values["email"])
            validate_password(
                values["password"], user_model(username=values["username"], email=values["email"])
            )
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error

    def _save(self, values: dict[str, str]) -> Any:
        user_model = get_user_model()
        with transaction.atomic():
            user = user_model.objects.filter(username=values["username"]).first()
            if user is None:
                return user_model.objects.create_superuser(
                    username=values["username"], email=values["email"], password=values["password"]
                )
            user.email = values["email"]
            user.is_staff = user.is_superuser = user.is_active = True
            user.set_password(values["password"])
            user.save()
            return user
