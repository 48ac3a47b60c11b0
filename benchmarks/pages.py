#!/usr/bin/env python
"""Latency and throughput of the main pages under gunicorn, against a trivial peer.

Builds a fresh database (a SQLite file under a temporary directory, or a new database
on the PostgreSQL server given by ``--database-url``) with one user on 200 productions,
starts gunicorn on it, logs in ``--clients`` sessions from a separate load process and
sends a fixed number of requests to each endpoint:

* ``/healthz``: the peer, a view that touches neither the database nor the session;
* ``/``: the production list;
* ``/productions/<id>/``: a production dashboard.

The peer is measured in the same run so that the page/peer ratio says how much the
page itself costs, whatever the machine. Prints JSON: p50/p95/p99 latency (ms),
requests per second, errors; with ``--runs`` > 1 each figure is the median of the runs.

The load comes from ``wrk`` (Debian package ``wrk``) when it is installed: written in C,
it leaves the two cores to the server. Otherwise, or with ``--load python``, from a
Python client (threads over ``http.client``), which itself takes a good part of a core
at a hundred pages a second and so makes every page look slower. Both log each client
in as its own session and keep its cookie.

    .venv/bin/python benchmarks/pages.py
    .venv/bin/python benchmarks/pages.py --load python
    .venv/bin/python benchmarks/pages.py --database-url postgres://user:pass@localhost/postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import uuid
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parent.parent
USERNAME = "bench"
PASSWORD = "bench-password-2024"
HOST = "127.0.0.1"


# --- Database and data --------------------------------------------------------------------


def server_env(var_dir: str, database_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in {"PRODUCTION", "TASKS_BACKEND"}}
    env.update(
        CLAPBOARD_VAR_DIR=var_dir,
        DATABASE_URL=database_url,
        DJANGO_SETTINGS_MODULE="clapboard.config.settings",
        DEBUG="0",
        LOG_LEVEL="ERROR",
        ALLOWED_HOSTS=f"{HOST},localhost",
    )
    return env


def populate(env: dict[str, str], productions: int) -> int:
    """Runs in a child process: migrate, collect static files, create the user and productions."""
    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from clapboard.companies.actions import create_company
    from clapboard.productions import actions
    from clapboard.productions.models import ProductionMember
    from clapboard.productions.roles import Role

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    users = get_user_model().objects
    user = users.create_user(username=USERNAME, password=PASSWORD, full_name="Bench Producer")
    companies = [create_company(acting_user=user, name=f"Films {index}") for index in range(4)]
    first = None
    for index in range(productions):
        production = actions.create_production(
            acting_user=user,
            company=companies[index % len(companies)],
            title=f"Production {index:03d}",
            kind="series" if index % 5 == 0 else "feature",
            logline="A crew races to finish a film before the money runs out.",
        )
        first = first or production
    assert first is not None
    # The dashboard production gets a team, dates, episodes and some activity.
    for index, role in enumerate(
        [Role.LINE_PRODUCER, Role.PRODUCTION_ACCOUNTANT, Role.DIRECTOR, Role.CREW] * 3
    ):
        member = users.create_user(username=f"crew{index}", password=None, full_name=f"Crew Member {index}")
        ProductionMember.objects.create(production=first, user=member, role=role)
    for kind, day in [("prep_start", 1), ("shoot_start", 20), ("shoot_end", 60), ("delivery", 200)]:
        actions.set_key_date(
            first, acting_user=user, kind=kind, date=dt.date(2026, 1, 1) + dt.timedelta(days=day)
        )
    for number in range(1, 9):
        actions.create_episode(first, acting_user=user, number=number, title=f"Episode {number}")
    for revision in range(30):
        first = actions.update_production(
            first,
            acting_user=user,
            expected_version=first.version,
            synopsis=f"Synopsis, revision {revision}.",
        )
    return int(first.pk)


def create_postgres_database(url: str) -> tuple[str, str]:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"clapboard_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres_database(url: str, name: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    with psycopg.connect(urllib.parse.urlunsplit(parts._replace(path="/postgres")), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- Server -------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_gunicorn(env: dict[str, str], port: int, workers: int, threads: int) -> subprocess.Popen[bytes]:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [
        str(gunicorn),
        "clapboard.config.wsgi:application",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, cwd=PROJECT_DIR)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


# --- Load client (runs in its own process, no Django) -------------------------------------


class Session:
    """One logged-in browser: a cookie jar over a keep-alive connection."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.last_headers: dict[str, str] = {}
        self.connection = http.client.HTTPConnection(HOST, port, timeout=60)

    def request(
        self,
        method: str,
        path: str,
        body: dict[str, str] | None = None,
        *,
        raw: tuple[bytes, str] | None = None,
        extra_headers: dict[str, str] | None = None,
    ) -> tuple[int, bytes]:
        """Send a request; ``body`` is a form, ``raw`` an already encoded (payload, content type)."""
        headers = {"Host": f"{HOST}:{self.port}", "Accept": "text/html", **(extra_headers or {})}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{key}={value}" for key, value in self.cookies.items())
        payload: str | bytes | None = None
        if body is not None:
            payload = urllib.parse.urlencode(body)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif raw is not None:
            payload, headers["Content-Type"] = raw
        if payload is not None:
            headers["Referer"] = f"http://{HOST}:{self.port}{path}"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=payload, headers=headers)
                response = self.connection.getresponse()
                content = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # gunicorn's sync workers close the connection after each response.
                self.connection.close()
                if attempt:
                    raise
        self.last_headers = {header.lower(): value for header, value in response.getheaders()}
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        if response.getheader("Connection", "").lower() == "close":
            self.connection.close()
        return response.status, content

    def log_in(self, login_path: str) -> None:
        status, page = self.request("GET", login_path)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        if status != 200 or token is None:
            raise RuntimeError(f"login page {login_path} answered {status} without a CSRF token")
        status, _ = self.request(
            "POST",
            login_path,
            {"username": USERNAME, "password": PASSWORD, "csrfmiddlewaretoken": token.group(1).decode()},
        )
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"login failed with status {status}")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def measure(sessions: list[Session], path: str, requests: int) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    remaining = iter(range(requests))

    def client(session: Session) -> None:
        while True:
            with lock:
                if next(remaining, None) is None:
                    return
            began = time.perf_counter()
            status, _ = session.request("GET", path)
            elapsed = time.perf_counter() - began
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1

    threads = [threading.Thread(target=client, args=(session,)) for session in sessions]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "requests": len(latencies),
        "errors": sum(count for status, count in statuses.items() if status != 200),
        "statuses": {str(status): count for status, count in sorted(statuses.items())},
        "p50_ms": round(percentile(latencies, 0.50) * 1000, 2),
        "p95_ms": round(percentile(latencies, 0.95) * 1000, 2),
        "p99_ms": round(percentile(latencies, 0.99) * 1000, 2),
        "requests_per_second": round(len(latencies) / wall, 1),
    }


def load(port: int, clients: int, endpoints: dict[str, str], requests: int, runs: int, queue: Any) -> None:
    try:
        sessions = [Session(port) for _ in range(clients)]
        for session in sessions:
            session.log_in("/login/")
        results: list[dict[str, Any]] = []
        for _ in range(runs):
            run: dict[str, Any] = {}
            for name, path in endpoints.items():
                measure(sessions, path, max(clients * 5, requests // 10))  # warm-up, not counted
                run[name] = measure(sessions, path, requests)
            results.append(run)
        queue.put({"runs": results})
    except Exception as error:  # reported to the parent, which prints it
        queue.put({"error": f"{type(error).__name__}: {error}"})


# --- Load from wrk ------------------------------------------------------------------------

#: Each wrk thread holds one connection and one logged-in session (its cookie), and
#: prints its latency percentiles as JSON when done.
WRK_SCRIPT = """
local cookies = {%(cookies)s}
local next_cookie = 0
function setup(thread)
  next_cookie = next_cookie + 1
  thread:set("cookie", cookies[next_cookie])
end
function init(args)
  wrk.headers["Cookie"] = cookie
  wrk.headers["Accept"] = "text/html"
end
function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"p50_us": %%d, "p95_us": %%d, "p99_us": %%d, "requests": %%d, "duration_us": %%d, "errors": %%d}\\n',
    latency:percentile(50), latency:percentile(95), latency:percentile(99), summary.requests,
    summary.duration, errors.status + errors.connect + errors.read + errors.write + errors.timeout))
end
"""


def wrk_measure(script: Path, port: int, clients: int, path: str, seconds: int) -> dict[str, Any]:
    command = [
        "wrk", f"--threads={clients}", f"--connections={clients}", f"--duration={seconds}s",
        "--timeout=10s", f"--script={script}", f"http://{HOST}:{port}{path}",
    ]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return {
        "requests": figures["requests"],
        "errors": figures["errors"],
        "p50_ms": round(figures["p50_us"] / 1000, 2),
        "p95_ms": round(figures["p95_us"] / 1000, 2),
        "p99_ms": round(figures["p99_us"] / 1000, 2),
        "requests_per_second": round(figures["requests"] / (figures["duration_us"] / 1e6), 1),
    }


def wrk_load(port: int, clients: int, endpoints: dict[str, str], seconds: int, runs: int) -> dict[str, Any]:
    sessions = [Session(port) for _ in range(clients)]
    for session in sessions:
        session.log_in("/login/")
    cookies = ", ".join(
        json.dumps("; ".join(f"{key}={value}" for key, value in session.cookies.items()))
        for session in sessions
    )
    with tempfile.TemporaryDirectory(prefix="clapboard-wrk-") as folder:
        script = Path(folder) / "sessions.lua"
        script.write_text(WRK_SCRIPT % {"cookies": cookies})
        results = []
        for _ in range(runs):
            run: dict[str, Any] = {}
            for name, path in endpoints.items():
                wrk_measure(script, port, clients, path, 1)  # warm-up, not counted
                run[name] = wrk_measure(script, port, clients, path, seconds)
            results.append(run)
    return {"runs": results}


# --- Report -------------------------------------------------------------------------------


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    memory = re.search(r"MemTotal:\s*(\d+) kB", meminfo)
    return {
        "cpus": os.cpu_count(),
        "cpu_model": model.group(1).strip() if model else platform.processor(),
        "memory_gb": round(int(memory.group(1)) / 1024 / 1024, 1) if memory else None,
        "python": platform.python_version(),
        "system": platform.platform(),
    }


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    summary: dict[str, Any] = {}
    for name in runs[0]:
        summary[name] = {
            key: statistics.median(run[name][key] for run in runs)
            for key in ("p50_ms", "p95_ms", "p99_ms", "requests_per_second")
        }
        summary[name]["errors"] = sum(run[name]["errors"] for run in runs)
    return summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL server; a throwaway database is created"
    )
    parser.add_argument("--productions", type=int, default=200)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=800, help="requests per endpoint and run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=1, help="threads per gunicorn worker")
    parser.add_argument(
        "--load",
        choices=["wrk", "python"],
        default="wrk" if shutil.which("wrk") else "python",
        help="load generator (default: wrk when installed)",
    )
    parser.add_argument("--seconds", type=int, default=5, help="with wrk: seconds per endpoint and run")
    options = parser.parse_args(argv)

    context = multiprocessing.get_context("spawn")
    database_url, pg_name = "", ""
    if options.database_url:
        database_url, pg_name = create_postgres_database(options.database_url)
    server = None
    try:
        with tempfile.TemporaryDirectory(prefix="clapboard-pages-") as var_dir:
            env = server_env(var_dir, database_url)
            setup_began = time.perf_counter()
            with context.Pool(1) as pool:
                dashboard_id = pool.apply(populate, (env, options.productions))
            setup_seconds = time.perf_counter() - setup_began
            port = free_port()
            server = start_gunicorn(env, port, options.workers, options.threads)
            endpoints = {
                "peer_healthz": "/healthz",
                "production_list": "/",
                "dashboard": f"/productions/{dashboard_id}/",
            }
            if options.load == "wrk":
                outcome = wrk_load(port, options.clients, endpoints, options.seconds, options.runs)
            else:
                queue = context.Queue()
                client = context.Process(
                    target=load,
                    args=(port, options.clients, endpoints, options.requests, options.runs, queue),
                )
                client.start()
                outcome = queue.get()
                client.join()
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        if pg_name:
            drop_postgres_database(options.database_url, pg_name)
    if "error" in outcome:
        print(json.dumps({"error": outcome["error"]}), file=sys.stderr)
        return 1
    summary = median_run(outcome["runs"])
    peer = summary["peer_healthz"]
    report = {
        "benchmark": "pages",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "database": "postgresql" if database_url else "sqlite",
        "machine": machine(),
        "config": {
            "gunicorn_workers": options.workers,
            "gunicorn_threads": options.threads,
            "clients": options.clients,
            "load_generator": options.load,
            "requests_per_endpoint_and_run": options.requests if options.load == "python" else None,
            "seconds_per_endpoint_and_run": options.seconds if options.load == "wrk" else None,
            "runs": options.runs,
            "productions": options.productions,
            "setup_seconds": round(setup_seconds, 1),
        },
        "median_of_runs": summary,
        "ratio_to_peer": {
            name: {
                "p50": round(figures["p50_ms"] / peer["p50_ms"], 1),
                "requests_per_second": round(figures["requests_per_second"] / peer["requests_per_second"], 3),
            }
            for name, figures in summary.items()
            if name != "peer_healthz"
        },
        "runs": outcome["runs"],
    }
    print(json.dumps(report, indent=2))
    return 0 if all(figures["errors"] == 0 for figures in summary.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
