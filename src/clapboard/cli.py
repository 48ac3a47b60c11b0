"""The ``clapboard`` command: serve, run the job worker, load the demo, back up and restore.

Each subcommand is a thin wrapper around a Django management command (see
``clapboard.core.management.commands``) or around gunicorn.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

SETTINGS_MODULE = "clapboard.config.settings"
WSGI_APPLICATION = "clapboard.config.wsgi:application"


def _default_workers() -> int:
    return min(2 * (os.cpu_count() or 1) + 1, 9)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clapboard", description="Clapboard, production management for film and TV producers."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    serve = commands.add_parser("serve", help="migrate, then serve the application")
    _add_address(serve)
    serve.add_argument("--dev", action="store_true", help="Django's development server, with DEBUG on")
    serve.add_argument(
        "--workers",
        type=int,
        default=_default_workers(),
        help="gunicorn worker processes (default: %(default)s)",
    )

    demo = commands.add_parser("demo", help="load the demo data, print the logins, then serve")
    _add_address(demo)
    demo.add_argument("--no-serve", action="store_true", help="load the demo and stop")
    demo.add_argument("--workers", type=int, default=_default_workers())
    demo.add_argument(
        "--no-job-worker",
        action="store_true",
        help="do not start a background job worker beside the server (run `clapboard worker` yourself)",
    )

    worker = commands.add_parser("worker", help="run background jobs (django-tasks database worker)")
    worker.add_argument("options", nargs=argparse.REMAINDER, help="passed to `manage.py db_worker`")

    backup = commands.add_parser("backup", help="write a consistent backup of the database to FILE")
    backup.add_argument("file")

    restore = commands.add_parser("restore", help="replace the database contents with the backup in FILE")
    restore.add_argument("file")
    restore.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    admin = commands.add_parser("createadmin", help="create an administrator account")
    admin.add_argument("--username")
    admin.add_argument("--email")
    admin.add_argument("--password")

    manage = commands.add_parser("manage", help="run any Django management command")
    manage.add_argument("arguments", nargs=argparse.REMAINDER)

    script = commands.add_parser("script", help="screenplay tools (no database needed)")
    script_commands = script.add_subparsers(dest="script_command", required=True, metavar="SUBCOMMAND")
    parse = script_commands.add_parser("parse", help="parse a screenplay file and print its scenes")
    parse.add_argument("file")
    parse.add_argument("--format", default="auto", choices=["auto", "fountain", "fdx", "pdf", "txt"])
    parse.add_argument(
        "--paper",
        default="letter",
        choices=["letter", "a4"],
        help="page size for paginating text formats (default letter; a PDF keeps its own pages)",
    )
    parse.add_argument("--json", action="store_true", help="print the JSON of docs/screenplay-json.md")

    schedule = commands.add_parser("schedule", help="shooting-schedule tools (no database needed)")
    schedule_commands = schedule.add_subparsers(dest="schedule_command", required=True, metavar="SUBCOMMAND")
    solve = schedule_commands.add_parser(
        "solve", help="the cheapest order of scenes for the actors (talent scheduling instance in JSON)"
    )
    solve.add_argument("file", metavar="INSTANCE.json")
    solve.add_argument(
        "--time-limit",
        type=float,
        default=60.0,
        metavar="SECONDS",
        help="stop and keep the best order found after this long (default %(default)s)",
    )
    solve.add_argument("--json", action="store_true", help="print the order, costs, bound and proof as JSON")

    budget = commands.add_parser("budget", help="budget tools (no database needed)")
    budget_commands = budget.add_subparsers(dest="budget_command", required=True, metavar="SUBCOMMAND")
    calc = budget_commands.add_parser("calc", help="calculate a budget file (docs/budget-format.md)")
    calc.add_argument("file", metavar="BUDGET.json")
    calc.add_argument(
        "--json", action="store_true", help="print the totals as JSON (amounts as strings, two decimals)"
    )

    financing = commands.add_parser("financing", help="financing-plan tools (no database needed)")
    financing_commands = financing.add_subparsers(
        dest="financing_command", required=True, metavar="SUBCOMMAND"
    )
    check = financing_commands.add_parser(
        "check", help="check a financing plan (docs/financing-format.md): coverage, gap, rules, tax credits"
    )
    check.add_argument("file", metavar="PLAN.json")
    check.add_argument(
        "--rules",
        metavar="YEAR",
        help="check with the rule sets in effect in YEAR, or 'latest' (default: those the plan names, else the latest)",
    )
    check.add_argument(
        "--json", action="store_true", help="print every figure and rule result as JSON (amounts as strings)"
    )
    return parser


def _add_address(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", SETTINGS_MODULE)
    import django

    django.setup()


def _prepare_to_serve() -> None:
    from django.conf import settings
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    if not settings.DEBUG:
        # The manifest storage needs collected files; collecting skips unchanged ones.
        call_command("collectstatic", interactive=False, verbosity=0)


def _serve(host: str, port: int, workers: int) -> None:
    """Replace this process with gunicorn (sync workers; WhiteNoise serves static files)."""
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        WSGI_APPLICATION,
        "--bind",
        f"[{host}]:{port}" if ":" in host else f"{host}:{port}",
        "--workers",
        str(max(workers, 1)),
        "--worker-class",
        "sync",
        "--access-logfile",
        "-",
        "--max-requests",
        "2000",
        "--max-requests-jitter",
        "200",
    ]
    sys.stdout.flush()
    os.execv(sys.executable, command)


def _start_job_worker() -> None:
    """Start ``clapboard worker`` beside the demo server, so that imports and exports run.

    It stays in the terminal's process group: Ctrl-C stops it with the server.
    """
    import subprocess

    code = "from clapboard.cli import main; raise SystemExit(main(['worker']))"
    subprocess.Popen([sys.executable, "-c", code])


def main(argv: Sequence[str] | None = None) -> int:
    options = _parser().parse_args(argv)
    if options.command == "script":
        return _script(options)
    if options.command == "schedule":
        return _schedule(options)
    if options.command == "budget":
        return _budget(options)
    if options.command == "financing":
        return _financing(options)
    if options.command == "serve" and options.dev:
        os.environ.setdefault("DEBUG", "1")
    _setup_django()
    from django.core.management import CommandError

    try:
        return _run(options)
    except CommandError as error:
        print(f"clapboard {options.command}: {error}", file=sys.stderr)
        return 1


def _script(options: argparse.Namespace) -> int:
    """``clapboard script parse``: the screenplay engine alone, without Django."""
    import json
    from pathlib import Path

    from clapboard.engines.screenplay import ScreenplayParseError, parse_screenplay, refuse_oversize, to_json

    path = Path(options.file)
    try:
        refuse_oversize(path.stat().st_size, source_name=path.name)  # before reading it into memory
        data = path.read_bytes()
        screenplay = parse_screenplay(data, format=options.format, source_name=path.name, paper=options.paper)
    except OSError as error:
        print(f"clapboard script parse: {path}: {error.strerror or error}", file=sys.stderr)
        return 2
    except ScreenplayParseError as error:
        print(f"clapboard script parse: {error}", file=sys.stderr)
        return 2
    if options.json:
        print(json.dumps(to_json(screenplay), ensure_ascii=False, indent=2))
    else:
        print(
            f"{screenplay.title or path.name}: {len(screenplay.scenes)} scenes, "
            f"{len(screenplay.characters)} speaking characters, {screenplay.page_count} pages"
        )
        for scene in screenplay.scenes:
            print(f"{scene.index:>4}  p.{scene.page_start:<3} {scene.eighths:>3}/8  {scene.heading}")
    return 0


def _schedule(options: argparse.Namespace) -> int:
    """``clapboard schedule solve``: the schedule engine alone, without Django."""
    import json

    from clapboard.engines.schedule import InstanceError, load_instance, solve

    try:
        instance = load_instance(options.file)
    except OSError as error:
        print(f"clapboard schedule solve: {options.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except InstanceError as error:
        print(f"clapboard schedule solve: {error}", file=sys.stderr)
        return 2
    solution = solve(instance, time_limit=options.time_limit)
    if options.json:
        print(json.dumps(solution.to_json(), ensure_ascii=False))
    else:
        proof = "proven optimal" if solution.proven_optimal else f"lower bound {solution.lower_bound}"
        print(
            f"{instance.name}: total {solution.total_cost} (idle {solution.idle_cost}), {proof}, "
            f"{solution.seconds:.2f} s"
        )
        print("order: " + " ".join(str(scene) for scene in solution.order))
    return 0


def _budget(options: argparse.Namespace) -> int:
    """``clapboard budget calc``: the budget engine alone, without Django."""
    import json

    from clapboard.engines.budget import BudgetError, calculate_budget, load_budget, top_sheet, totals_to_json

    try:
        budget = load_budget(options.file)  # its errors start with the file's name
    except OSError as error:
        print(f"clapboard budget calc: {options.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except BudgetError as error:
        print(f"clapboard budget calc: {error}", file=sys.stderr)
        return 2
    try:
        totals = calculate_budget(budget)
    except BudgetError as error:  # a division by zero found while calculating
        print(f"clapboard budget calc: {os.path.basename(options.file)}: {error}", file=sys.stderr)
        return 2
    if options.json:
        print(json.dumps(totals_to_json(budget, totals), ensure_ascii=False, indent=2))
    else:
        print(top_sheet(budget, totals))
    return 0


def _financing(options: argparse.Namespace) -> int:
    """``clapboard financing check``: the financing engine alone, without Django."""
    import json

    from clapboard.engines.financing import FinancingError, check_plan, check_to_json, load_plan

    name = "clapboard financing check"
    rules: int | str | None = options.rules
    if rules is not None and rules != "latest":
        if not rules.isdigit():
            print(
                f"{name}: --rules: expected a year such as 2026 or 'latest', not {rules!r}", file=sys.stderr
            )
            return 2
        rules = int(rules)
    try:
        plan = load_plan(options.file)  # its errors start with the file's name
    except OSError as error:
        print(f"{name}: {options.file}: {error.strerror or error}", file=sys.stderr)
        return 2
    except FinancingError as error:
        print(f"{name}: {error}", file=sys.stderr)
        return 2
    try:
        result = check_plan(plan, rules=rules)
    except FinancingError as error:  # a rule set that does not exist, a phase the spend curve needs
        print(f"{name}: {os.path.basename(options.file)}: {error}", file=sys.stderr)
        return 2
    if options.json:
        print(json.dumps(check_to_json(result), ensure_ascii=False, indent=2))
        return 0
    sets = ", ".join(
        f"{item.id} v{item.version} ({item.effective_from.isoformat()})" for item in result.rule_sets
    )
    print(
        f"{result.title or os.path.basename(options.file)}: budget {result.budget} {result.currency}; rules {sets}"
    )
    for warning in result.warnings:
        print(f"  warning: {warning}")
    for scenario in result.scenarios:
        coverage = scenario.coverage
        print(
            f"\n{scenario.title}: secured {coverage.secured} ({coverage.secured_share}%), hoped {coverage.hoped}, "
            f"total {coverage.total} ({coverage.total_share}%), gap {coverage.gap}"
        )
        for credit in scenario.tax_credits:
            state = f"{credit.amount} (base {credit.base} at {credit.rate}%: {credit.rate_reason})"
            print(
                f"  {credit.title}: {state if credit.eligible else 'not eligible: ' + '; '.join(credit.reasons)}"
            )
        for rule in scenario.rules:
            flag = " [data unverified]" if any(w.startswith("data unverified") for w in rule.warnings) else ""
            print(f"  {rule.status:<14} {rule.rule}: {rule.message}{flag}")
        if scenario.cash_flow is not None:
            flow = scenario.cash_flow
            print(
                f"  cash flow: peak bridge {flow.peak_bridge}, interest {flow.total_interest}, "
                f"negative in {', '.join(flow.negative_periods) or 'no period'}"
            )
        for warning in scenario.warnings:
            print(f"  warning: {warning}")
    return 0


def _run(options: argparse.Namespace) -> int:
    from django.core.management import call_command, execute_from_command_line

    match options.command:
        case "serve":
            _prepare_to_serve()
            if options.dev:
                call_command("runserver", f"{options.host}:{options.port}")
            else:
                print(f"Clapboard on http://{options.host}:{options.port}/", flush=True)
                _serve(options.host, options.port, options.workers)
        case "demo":
            _prepare_to_serve()
            call_command("load_demo")
            if not options.no_serve:
                if not options.no_job_worker:
                    _start_job_worker()
                print(f"\nOpen http://{options.host}:{options.port}/ and log in as one of them.", flush=True)
                _serve(options.host, options.port, options.workers)
        case "worker":
            call_command("fail_stale_jobs")
            call_command("db_worker", *options.options)
        case "backup":
            call_command("backup_database", options.file)
        case "restore":
            if not options.yes and sys.stdin.isatty():
                answer = input(f"Replace every record in the database with {options.file}? [y/N] ")
                if answer.strip().lower() not in {"y", "yes", "o", "oui"}:
                    print("Nothing restored.")
                    return 1
            call_command("restore_database", options.file)
        case "createadmin":
            flags = [
                f"--{name}={value}"
                for name in ("username", "email", "password")
                if (value := getattr(options, name))
            ]
            call_command("create_admin", *flags)
        case "manage":
            execute_from_command_line(["clapboard manage", *options.arguments])
    return 0


if __name__ == "__main__":
    sys.exit(main())
