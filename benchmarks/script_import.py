#!/usr/bin/env python
"""Importing a 250-scene script through the web app, with its breakdown suggestions.

Builds a fresh database (SQLite under a temporary directory, or a new database on the
PostgreSQL server given by ``--database-url``), starts gunicorn and one background
worker (``clapboard worker``), logs in, uploads a generated 250-scene French screenplay
through the import form and polls the job's progress fragment as the page does, until
the job has finished. Measures, per run:

* ``upload_ms``: the POST of the form until the redirect to the job page;
* ``total_s``: from the start of the POST to the job seen SUCCEEDED (what a person waits);
* ``progress_values``: the distinct percentages the page showed on the way;
* the peer: the engine alone on the same file in this process (parse + suggestions),
  so that ``ratio`` says what the web import (storage, job queue, worker, database
  writes, polling) adds.

Prints JSON; with ``--runs`` > 1 each figure is the median of the runs (each run imports
into a new script, so no run is a revision of another).

    .venv/bin/python benchmarks/script_import.py
    .venv/bin/python benchmarks/script_import.py --database-url postgres://user:pass@localhost/postgres
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import re
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pages import (  # the sibling benchmark holds the server and client helpers
    PASSWORD,
    PROJECT_DIR,
    USERNAME,
    Session,
    create_postgres_database,
    drop_postgres_database,
    free_port,
    machine,
    server_env,
    start_gunicorn,
)

DEMO_SCRIPT = PROJECT_DIR / "src" / "clapboard" / "productions" / "data" / "le-dernier-bac.fountain"
POLL_SECONDS = 0.2
TIMEOUT_SECONDS = 120


def generated_script(scenes: int) -> str:
    """A French screenplay of ``scenes`` scenes: the demo's scenes over and over, each
    under its own heading so that locations and numbering stay realistic."""
    text = DEMO_SCRIPT.read_text(encoding="utf-8")
    body = text.split("\n\n", 1)[1]
    blocks = re.split(r"\n(?=(?:INT\.|EXT\.|INT\./EXT\.) )", body)
    blocks = [block.strip() for block in blocks if re.match(r"(INT|EXT)", block.strip())]
    out = ["Title: Script de mesure\nAuthor: Clapboard\n"]
    for index in range(scenes):
        block = blocks[index % len(blocks)]
        heading, _, rest = block.partition("\n")
        prefix, _, place = heading.partition(" ")
        lap = index // len(blocks)
        out.append(f"{prefix} {place.replace(' - ', f' {lap + 1} - ', 1) if lap else place}\n{rest}\n")
    return "\n".join(out)


def populate(env: dict[str, str], scripts: int) -> tuple[int, list[int]]:
    """Runs in a child process: migrate, collect static files, create the user and scripts."""
    import os

    os.environ.update(env)
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command

    from clapboard.companies.actions import create_company
    from clapboard.productions import actions
    from clapboard.scripts.actions import create_script

    call_command("migrate", verbosity=0)
    call_command("collectstatic", verbosity=0, interactive=False)
    user = get_user_model().objects.create_user(USERNAME, f"{USERNAME}@example.org", PASSWORD)
    company = create_company(acting_user=user, name="Bench Films")
    production = actions.create_production(acting_user=user, company=company, title="Mesure", kind="feature")
    ids = [create_script(production, acting_user=user, title=f"Essai {n}").pk for n in range(scripts)]
    return production.pk, ids


def _populate_in_child(env: dict[str, str], scripts: int, queue: Any) -> None:
    queue.put(populate(env, scripts))


def multipart(fields: dict[str, str], filename: str, content: bytes) -> tuple[bytes, str]:
    boundary = f"----clapboard{uuid.uuid4().hex}"
    parts = []
    for name, value in fields.items():
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: text/plain\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def import_once(port: int, production_id: int, script_id: int, script: bytes) -> dict[str, Any]:
    session = Session(port)
    session.log_in("/login/")
    overview = f"/productions/{production_id}/script/{script_id}/"
    status, page = session.request("GET", overview)
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if status != 200 or token is None:
        raise RuntimeError(f"{overview} answered {status} without a CSRF token")
    fields = {
        "csrfmiddlewaretoken": token.group(1).decode(),
        "label": "Mesure",
        "colour": "white",
        "revision_date": dt.datetime.now(dt.UTC).date().isoformat(),
        "paper": "a4",
        "source_format": "auto",
    }
    started = time.perf_counter()
    status, _ = session.request(
        "POST", overview + "import/", raw=multipart(fields, "mesure.fountain", script)
    )
    upload = time.perf_counter() - started
    job_path = session.last_headers.get("location", "")
    if status != 302 or "/jobs/" not in job_path:
        raise RuntimeError(f"the import answered {status}, not a redirect to its job")
    seen: list[int] = []
    while time.perf_counter() - started < TIMEOUT_SECONDS:
        status, fragment = session.request("GET", job_path, extra_headers={"HX-Request": "true"})
        percent = re.search(rb'value="(\d+)"', fragment)
        if percent and (not seen or seen[-1] != int(percent.group(1))):
            seen.append(int(percent.group(1)))
        if b"job--succeeded" in fragment:
            message = re.search(rb'class="job__message">([^<]*)<', fragment)
            break
        if b"job--failed" in fragment or b"job--cancelled" in fragment:
            raise RuntimeError(f"the import job did not succeed: {fragment[:400]!r}")
        time.sleep(POLL_SECONDS)
    else:
        raise RuntimeError(f"the import did not finish within {TIMEOUT_SECONDS} s")
    return {
        "upload_ms": upload * 1000,
        "total_s": time.perf_counter() - started,
        "progress_values": seen,
        "message": message.group(1).decode() if message else "",
    }


def engine_alone(script: bytes, runs: int) -> float:
    """The peer: parse and suggest in this process, median seconds (lexicon compiled first)."""
    sys.path.insert(0, str(PROJECT_DIR / "src"))
    from clapboard.engines.breakdown import suggest
    from clapboard.engines.screenplay import parse_screenplay

    suggest(parse_screenplay(script, source_name="warm.fountain", paper="a4"))
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        suggest(parse_screenplay(script, source_name="mesure.fountain", paper="a4"))
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scenes", type=int, default=250)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--database-url", default="", help="a PostgreSQL server URL (default: SQLite)")
    options = parser.parse_args(argv)

    script = generated_script(options.scenes).encode("utf-8")
    with tempfile.TemporaryDirectory(prefix="clapboard-import-bench-") as var_dir:
        database_url, pg_name = f"sqlite:///{var_dir}/bench.sqlite3", ""
        if options.database_url:
            database_url, pg_name = create_postgres_database(options.database_url)
        env = server_env(var_dir, database_url)
        queue: Any = multiprocessing.get_context("spawn").Queue()
        child = multiprocessing.get_context("spawn").Process(
            target=_populate_in_child, args=(env, options.runs, queue)
        )
        child.start()
        production_id, script_ids = queue.get()
        child.join()
        port = free_port()
        server = start_gunicorn(env, port, workers=2, threads=2)
        worker = subprocess.Popen(
            [str(Path(sys.executable).with_name("clapboard")), "worker"], env=env, cwd=PROJECT_DIR
        )
        try:
            runs = [import_once(port, production_id, script_id, script) for script_id in script_ids]
        finally:
            worker.terminate()
            server.terminate()
            worker.wait(30)
            server.wait(30)
            if pg_name:
                drop_postgres_database(options.database_url, pg_name)
    peer = engine_alone(script, options.runs)
    total = statistics.median(run["total_s"] for run in runs)
    print(
        json.dumps(
            {
                "date": dt.datetime.now(dt.UTC).date().isoformat(),
                "machine": machine(),
                "database": "postgresql" if options.database_url else "sqlite",
                "scenes": options.scenes,
                "bytes": len(script),
                "runs": options.runs,
                "upload_ms": round(statistics.median(run["upload_ms"] for run in runs), 1),
                "total_s": round(total, 2),
                "progress_values": [run["progress_values"] for run in runs],
                "job_message": runs[-1]["message"],
                "engine_alone_s": round(peer, 3),
                "ratio": round(total / peer, 1),
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
