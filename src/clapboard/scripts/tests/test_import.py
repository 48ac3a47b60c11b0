"""Importing a draft as a background job, end to end: real files, the database worker, storage.

Each test uploads a file with ``importing.start_import`` and runs the queued task through
the database worker, as ``productions/tests/test_exports.py`` does. The screenplays come
from ../shared/bench/screenplays (read in place, never copied; the tests skip when the
folder is absent) and from the demo short film shipped with the package; the broken
files are built here, the way the engine's own tests build them.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Sequence
from importlib.resources import files
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from tests import factories
from zeal import zeal_context, zeal_ignore

from clapboard.accounts.models import User
from clapboard.core.jobs import JobReporter
from clapboard.core.models import AuditEvent, Job
from clapboard.core.tests.job_tasks import run_worker
from clapboard.engines.breakdown import Suggestion, suggest
from clapboard.engines.screenplay import MAX_SCRIPT_BYTES, Screenplay, ScreenplayParseError, parse_screenplay
from clapboard.engines.screenplay.tests.fixtures import fixture_json, fixture_path
from clapboard.engines.screenplay.tests.test_fdx import BOMB
from clapboard.engines.screenplay.tests.test_pdf import SHOOTING_SCRIPT, make_pdf
from clapboard.productions.models import Production
from clapboard.scripts import actions, importing, versions
from clapboard.scripts.models import Element, Scene, Script, ScriptLocation, ScriptVersion, Tag

pytestmark = pytest.mark.django_db

DEMO_FILE = "le-dernier-bac.fountain"


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": None},
        },
    }


@pytest.fixture(autouse=True)
def _english():  # type: ignore[no-untyped-def]
    # The job's own words ("Failed.", progress) in English; the engine's messages are English anyway.
    with translation.override("en"):
        yield


@pytest.fixture
def script(production: Production, producer: User) -> Script:
    return actions.create_script(production, acting_user=producer, title=production.title)


@pytest.fixture
def run_import(producer: User, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """``run_import(script, name, data, **options)``: upload, run the worker, return the job."""

    def run(script: Script, name: str, data: bytes, **options: Any) -> Job:
        with django_capture_on_commit_callbacks(execute=True):
            job = importing.start_import(
                script, SimpleUploadedFile(name, data), acting_user=producer, **options
            )
        # The app tests do not get tests/conftest.py's autouse N+1 detector: the job runs
        # under it here, alone, since one import is what a job does.
        with zeal_context():
            run_worker()
        job.refresh_from_db()
        return job

    return run


def stored_uploads() -> list[str]:
    """Every file under the upload folder of the storage."""
    found = []
    folders = [importing.UPLOAD_DIRECTORY]
    while folders:
        folder = folders.pop()
        if not default_storage.exists(folder):
            continue
        subfolders, names = default_storage.listdir(folder)
        folders.extend(f"{folder}/{sub}" for sub in subfolders)
        found.extend(f"{folder}/{name}" for name in names)
    return found


def demo_bytes() -> bytes:
    return files("clapboard.productions").joinpath("data", DEMO_FILE).read_bytes()


def shared_file(*parts: str) -> tuple[str, bytes]:
    path = fixture_path(*parts)
    return path.name, path.read_bytes()


# A successful import -------------------------------------------------------------------------


def test_the_demo_screenplay_imports_through_the_job(script, producer, run_import):
    job = run_import(
        script,
        DEMO_FILE,
        demo_bytes(),
        label="Version de tournage",
        colour="white",
        revision_date=dt.date(2026, 9, 14),
        paper="a4",
    )

    assert job.kind == importing.IMPORT_KIND
    assert job.status == Job.Status.SUCCEEDED, job.error
    assert job.percent == 100
    assert job.error == ""
    script.refresh_from_db()
    version = script.current_version
    assert version is not None
    tags = Tag.objects.filter(scene__version=version)
    assert job.result == {
        "script_id": script.pk,
        "version_id": version.pk,
        "version": 1,
        "scenes": 35,
        "pages": version.page_count,
        "suggestions": tags.count(),
        "filename": DEMO_FILE,
    }
    assert (version.number, version.label, version.colour) == (1, "Version de tournage", "white")
    assert (version.revision_date, version.paper, version.source_format) == (
        dt.date(2026, 9, 14),
        "a4",
        "fountain",
    )
    assert version.title == "Le Dernier Bac"
    assert version.created_by == producer
    assert version.previous is None
    assert version.scene_count == 35 == version.scenes.count()
    assert 16 <= version.page_count <= 24
    assert version.total_eighths == sum(version.scenes.values_list("eighths", flat=True))
    assert list(version.scenes.values_list("position", flat=True)) == list(range(1, 36))
    assert not version.scenes.exclude(change="").exists()  # a first version has nothing to compare

    # Places: one per distinct location of the headings, and every scene linked to its own.
    names = set(version.scenes.values_list("location_name", flat=True))
    assert set(script.locations.values_list("name", flat=True)) == names
    assert 8 <= len(names) <= 12
    assert {"CALE DE TRÉVÉNEC", "LE BAC - TIMONERIE", "LE BAC - PONT"} <= names
    for location_name, place in version.scenes.values_list("location_name", "script_location__name"):
        assert place == location_name

    # Elements: the speaking cast, the demo's dog, props from the lexicon; all tags suggested.
    cast = set(script.elements.filter(category="cast").values_list("name", flat=True))
    assert {"MARYVONNE", "GWENAËL", "INÈS", "JEAN-YVES", "TITOUAN", "FANCH"} <= cast
    assert script.elements.filter(category="animals", name="MOUSSE").exists()
    assert script.elements.filter(category="vehicles", name="bac").exists()
    assert set(tags.values_list("status", flat=True)) == {Tag.Status.SUGGESTED}
    assert set(tags.values_list("source", flat=True)) <= {"dialogue", "capitals", "mention", "lexicon"}
    assert Element.objects.filter(script=script).count() == tags.values("element").distinct().count()
    maryvonne = script.elements.get(category="cast", name="MARYVONNE")
    assert maryvonne.tags.values("scene").distinct().count() >= 20
    for tag in tags.select_related("scene").exclude(start=None):
        assert 0 <= tag.start < tag.end <= len(tag.scene.text)
    cue = tags.filter(element=maryvonne, source="dialogue").select_related("scene").first()
    assert cue.scene.text[cue.start : cue.end] == "MARYVONNE"

    # The audit trail and the stored file.
    event = AuditEvent.objects.get(action="scripts.version.imported")
    assert event.actor == producer
    assert event.production == script.production
    assert event.data["file"] == DEMO_FILE
    assert event.data["scenes"] == 35
    assert event.data["suggestions"] == job.result["suggestions"]
    assert event.data["carried"] == 0
    assert stored_uploads() == [version.source_path]
    with default_storage.open(version.source_path, "rb") as stored:
        assert stored.read() == demo_bytes()


def test_imported_elements_have_their_creation_in_history(script, producer, run_import):
    job = run_import(script, DEMO_FILE, demo_bytes())

    assert job.status == Job.Status.SUCCEEDED, job.error
    elements = list(script.elements.all())
    created = Element.history.filter(history_type="+").values_list("id", flat=True)
    assert sorted(created) == sorted(element.pk for element in elements)
    # So that a later rename records only what changed.
    maryvonne = script.elements.get(category="cast", name="MARYVONNE")
    actions.update_element(maryvonne, acting_user=producer, expected_version=maryvonne.version, actor="Anne")
    event = AuditEvent.objects.filter(action="scripts.element.updated").get()
    assert event.changes == {"actor": ["", "Anne"]}


# The four formats, from the shared fixtures ---------------------------------------------------

BRICK_AND_STEEL_CAST = {"STEEL", "BRICK", "JACK", "DAN", "COGNITO", "MINION", "HANDSOME MAN"}


@pytest.mark.parametrize(
    ("name", "source_format"),
    [
        ("Brick-and-Steel.fountain", "fountain"),
        ("Brick-and-Steel.fdx", "fdx"),
        ("Brick-and-Steel.pdf", "pdf"),
    ],
)
def test_one_script_in_three_formats(script, run_import, name, source_format):
    truth = fixture_json("truth", "fountain-io-samples__Brick-and-Steel.json")
    name, data = shared_file("fountain-io-samples", name)

    job = run_import(script, name, data)

    assert job.status == Job.Status.SUCCEEDED, job.error
    version = ScriptVersion.objects.get(pk=job.result["version_id"])
    assert version.source_format == source_format
    assert version.source_name == name
    assert job.result["scenes"] == truth["n_scenes"] == 8 == version.scenes.count()
    assert job.result["pages"] == 3 == version.page_count
    assert list(version.scenes.values_list("heading", flat=True)) == [s["heading"] for s in truth["scenes"]]
    assert set(script.elements.filter(category="cast").values_list("name", flat=True)) >= BRICK_AND_STEEL_CAST
    assert {c["name"] for c in version.character_stats} == BRICK_AND_STEEL_CAST == set(truth["characters"])
    assert script.locations.count() == len({s.location_name for s in version.scenes.all()})
    assert Tag.objects.filter(scene__version=version).count() == job.result["suggestions"] > 0


def test_a_final_draft_file_keeps_final_drafts_lengths(script, run_import):
    truth = fixture_json("truth", "rsdoiel-fdx__sample-06.json")
    name, data = shared_file("rsdoiel-fdx", "sample-06.fdx")

    job = run_import(script, name, data)

    assert job.status == Job.Status.SUCCEEDED, job.error
    version = ScriptVersion.objects.get(pk=job.result["version_id"])
    assert version.source_format == "fdx"
    scenes = list(version.scenes.all())
    assert [s.heading for s in scenes] == [s["heading"] for s in truth["scenes"]]
    assert [s.eighths for s in scenes] == [s["eighths"] for s in truth["scenes"]] == [2, 3, 2]
    assert [s.page_start for s in scenes] == [int(s["page"]) for s in truth["scenes"]] == [1, 1, 2]
    assert version.total_eighths == truth["total_eighths"] == 7
    assert [s.speaking for s in scenes] == [["AUTHOR"], ["DOG", "AUTHOR"], ["AUTHOR"]]
    assert set(script.elements.filter(category="cast").values_list("name", flat=True)) == {"AUTHOR", "DOG"}
    assert sorted(script.locations.values_list("name", flat=True)) == ["PARK", "STUDIO APARTMENT"]


def test_a_plain_text_script(script, run_import):
    name, data = shared_file("rsdoiel-fdx", "sample-06.txt")

    job = run_import(script, name, data)

    assert job.status == Job.Status.SUCCEEDED, job.error
    version = ScriptVersion.objects.get(pk=job.result["version_id"])
    assert version.source_format == "txt"
    assert version.title == "SAMPLE 06"
    assert list(version.scenes.values_list("heading", flat=True)) == [
        "INT. STUDIO APARTMENT - NIGHT",
        "EXT. PARK - DAY",
        "INT. STUDIO APARTMENT - NEXT DAY",
    ]
    assert set(script.elements.filter(category="cast").values_list("name", flat=True)) == {"AUTHOR", "DOG"}


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "utf-16", "utf-8-sig"])
def test_a_french_script_keeps_its_accents_whatever_its_encoding(script, run_import, encoding):
    text = (
        "INT. CAFÉ DES ARTS - NUIT\n\n"
        "HÉLÈNE essuie les verres. Un gendarme entre, trempé.\n\n"
        "HÉLÈNE\nVous êtes en retard, brigadier.\n\n"
        "EXT. PLAGE DE KÉRIEL - AUBE\n\n"
        "Hélène marche sur la grève.\n"
    )
    if encoding == "cp1252":  # what Windows adds to Latin-1: œ and typographic apostrophes
        text = text.replace("marche sur la grève", "marche sur la grève, le cœur serré, l\u2019air perdu")

    job = run_import(script, "cafe.fountain", text.encode(encoding))

    assert job.status == Job.Status.SUCCEEDED, job.error
    version = ScriptVersion.objects.get(pk=job.result["version_id"])
    first, second = version.scenes.all()
    assert first.heading == "INT. CAFÉ DES ARTS - NUIT"
    assert first.location_name == "CAFÉ DES ARTS"
    assert "Vous êtes en retard" in first.text
    assert second.location_name == "PLAGE DE KÉRIEL"
    assert "grève" in second.text
    if encoding == "cp1252":
        assert "le cœur serré, l\u2019air perdu" in second.text
    assert script.elements.filter(category="cast", name="HÉLÈNE").exists()
    assert set(script.locations.values_list("name", flat=True)) == {"CAFÉ DES ARTS", "PLAGE DE KÉRIEL"}


def test_the_stored_file_has_a_safe_unguessable_name(script, run_import):
    job = run_import(script, "Le Dernier Bac (v2) été.fountain", demo_bytes())

    assert job.status == Job.Status.SUCCEEDED, job.error
    version = ScriptVersion.objects.get(pk=job.result["version_id"])
    assert version.source_name == "Le Dernier Bac (v2) été.fountain"
    assert re.fullmatch(r"script-imports/[0-9a-f]{32}/[\w.-]+\.fountain", version.source_path)
    assert job.label == "Import of Le Dernier Bac (v2) été.fountain"


# Bad input -----------------------------------------------------------------------------------


def scanned_pdf() -> bytes:
    """One page holding only a picture: what a scanner makes (built as the engine's PDF tests do)."""
    document = pdfium.PdfDocument.new()
    page = document.new_page(612, 792)
    image = pdfium.PdfImage.new(document)
    image.set_bitmap(pdfium.PdfBitmap.new_native(40, 40, pdfium.raw.FPDFBitmap_BGR))
    image.set_matrix(pdfium.PdfMatrix().scale(400, 400).translate(100, 200))
    page.insert_obj(image)
    page.gen_content()
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def external_entity_fdx(secret: Path) -> bytes:
    return (
        f'<?xml version="1.0"?><!DOCTYPE FinalDraft [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        '<FinalDraft><Content><Paragraph Type="Action"><Text>&x;</Text></Paragraph></Content></FinalDraft>'
    ).encode()


LETTER = b"Dear Sir,\n\nPlease find attached my invoice for March.\n\nYours faithfully,\nJ. Martin\n"

BAD_FILES = [
    pytest.param("empty.fountain", lambda tmp: b"", "the file is empty", id="empty"),
    pytest.param("blank.txt", lambda tmp: b" \n\t\n", "the file is empty", id="blank"),
    pytest.param(
        "junk.fountain",
        lambda tmp: bytes(range(256)) * 16,
        "the file is binary, not a text script",
        id="binary-junk",
    ),
    pytest.param(
        "noise.txt",
        lambda tmp: bytes(range(1, 32)) * 64,
        "the file is binary, not a text script",
        id="control-characters",
    ),
    pytest.param(
        "invoice.txt", lambda tmp: LETTER, "this does not look like a screenplay", id="not-a-screenplay"
    ),
    pytest.param("bomb.fdx", lambda tmp: BOMB, "DTD", id="billion-laughs"),
    pytest.param(
        "entity.fdx", lambda tmp: external_entity_fdx(tmp), "refused for safety", id="external-entity"
    ),
    pytest.param(
        "locked.pdf",
        lambda tmp: make_pdf(SHOOTING_SCRIPT, encrypt=True),
        "the PDF is encrypted",
        id="encrypted-pdf",
    ),
    pytest.param("scan.pdf", lambda tmp: scanned_pdf(), "the PDF has no text layer", id="scanned-pdf"),
    pytest.param(
        "script.pdf",
        lambda tmp: b"INT. HOUSE - DAY\n\nJOHN\nHello.\n",
        "the file is not a PDF",
        id="text-named-pdf",
    ),
]


@pytest.mark.parametrize(("name", "build", "problem"), BAD_FILES)
def test_a_bad_file_fails_the_job_and_saves_nothing(
    production, producer, run_import, tmp_path, name, build, problem
):
    script = factories.make_script(production, producer)
    before = script.current_version
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-4242", encoding="utf-8")
    counts = {model: model.objects.count() for model in (ScriptVersion, Scene, Tag, Element, ScriptLocation)}

    job = run_import(script, name, build(secret))

    assert job.status == Job.Status.FAILED
    assert job.error.startswith(f"{name}: "), job.error
    assert problem in job.error
    assert "\n" not in job.error
    assert not re.match(r"\w*(Error|Exception)\b", job.error)  # no exception class in front
    assert "TOP-SECRET" not in job.error
    assert job.message == "Failed."
    assert job.result is None or job.result == {}
    script.refresh_from_db()
    assert script.current_version == before
    assert {model: model.objects.count() for model in counts} == counts
    assert AuditEvent.objects.filter(action="scripts.version.imported").count() == 1  # make_script's
    assert stored_uploads() == []


def test_an_upload_gone_from_storage_fails_with_a_clear_message(
    script, producer, django_capture_on_commit_callbacks
):
    # E.g. a worker on another machine than the web server, with a storage that is not shared.
    with django_capture_on_commit_callbacks(execute=True):
        job = importing.start_import(
            script, SimpleUploadedFile(DEMO_FILE, demo_bytes()), acting_user=producer
        )
    [path] = stored_uploads()
    default_storage.delete(path)

    with zeal_context():
        run_worker()
    job.refresh_from_db()

    assert job.status == Job.Status.FAILED
    assert job.error == f"{DEMO_FILE}: the uploaded file is no longer in the file storage; upload it again."
    assert not ScriptVersion.objects.exists()


def test_a_script_deleted_before_its_import_runs_fails_with_a_clear_message(
    script, producer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = importing.start_import(
            script, SimpleUploadedFile(DEMO_FILE, demo_bytes()), acting_user=producer
        )
    Script.objects.filter(pk=script.pk).delete()

    with zeal_context():
        run_worker()
    job.refresh_from_db()

    assert job.status == Job.Status.FAILED
    assert (
        job.error == f"{DEMO_FILE}: the script was deleted before its import could run; nothing was imported."
    )
    assert stored_uploads() == []


def test_an_oversize_upload_is_refused_before_it_is_stored(script, producer):
    upload = SimpleUploadedFile("huge.fountain", b"x" * (MAX_SCRIPT_BYTES + 1024 * 1024))

    with pytest.raises(ScreenplayParseError) as refused:
        importing.start_import(script, upload, acting_user=producer)

    assert str(refused.value) == (
        f"huge.fountain: the file is too large ({MAX_SCRIPT_BYTES + 1024 * 1024:,} bytes;"
        f" the limit is {MAX_SCRIPT_BYTES:,} bytes)"
    )
    assert not Job.objects.exists()
    assert stored_uploads() == []


def test_a_failure_while_saving_keeps_the_previous_version(production, producer, run_import, monkeypatch):
    script = factories.make_script(production, producer)
    before = script.current_version
    counts = {model: model.objects.count() for model in (ScriptVersion, Scene, Tag, Element, ScriptLocation)}
    events = AuditEvent.objects.count()

    def fail(*args: Any, **kwargs: Any) -> None:
        # Called last, once the version, its scenes, places, elements and tags are written
        # and the script points at the new version.
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(versions.audit, "record", fail)
    job = run_import(script, DEMO_FILE, demo_bytes())

    assert job.status == Job.Status.FAILED
    assert job.error == "RuntimeError: the disk is full"
    script.refresh_from_db()
    assert script.current_version == before
    assert {model: model.objects.count() for model in counts} == counts
    assert AuditEvent.objects.count() == events
    assert stored_uploads() == []


def test_a_failure_halfway_through_saving_leaves_no_rows(production, producer, run_import, monkeypatch):
    script = factories.make_script(production, producer)
    before = script.current_version
    counts = {model: model.objects.count() for model in (ScriptVersion, Scene, Tag, Element, ScriptLocation)}
    saved_scenes = []

    def fail(self: versions.ElementIndex, *args: Any) -> None:
        # By now the version, its scenes and the new places are in the database.
        saved_scenes.extend(Scene.objects.exclude(version=before).values_list("pk", flat=True))
        raise RuntimeError("connection lost")

    monkeypatch.setattr(versions.ElementIndex, "save_new", fail)
    job = run_import(script, DEMO_FILE, demo_bytes())

    assert job.status == Job.Status.FAILED
    assert len(saved_scenes) == 35  # the failure came after the scenes were written…
    script.refresh_from_db()
    assert script.current_version == before
    assert {model: model.objects.count() for model in counts} == counts  # …and none is left
    assert stored_uploads() == []


# Progress ------------------------------------------------------------------------------------


def test_progress_moves_forward_with_sentences(script, run_import, monkeypatch):
    reported: list[tuple[float | None, str | None]] = []
    written: list[tuple[int, str]] = []
    progress, flush = JobReporter.progress, JobReporter.flush

    def record_progress(
        self: JobReporter, percent: float | None = None, message: str | None = None, **kw: Any
    ) -> None:
        reported.append((percent, message))
        progress(self, percent, message, **kw)

    def record_write(self: JobReporter) -> None:
        flush(self)
        with zeal_ignore():  # what a page polling the job reads at this moment
            written.append(Job.objects.values_list("percent", "message").get(pk=self.job.pk))

    monkeypatch.setattr(JobReporter, "progress", record_progress)
    monkeypatch.setattr(JobReporter, "flush", record_write)
    job = run_import(script, DEMO_FILE, demo_bytes())

    assert job.status == Job.Status.SUCCEEDED, job.error
    percents = [percent for percent, _message in reported if percent is not None]
    assert percents == sorted(percents)
    assert percents[0] < 20
    assert percents[-1] == 100
    assert len([p for p in percents if 20 < p < 72]) >= 30  # one step per scene while suggesting
    assert len(written) >= 3
    written_percents = [percent for percent, _message in written]
    assert written_percents == sorted(written_percents)
    assert len(set(written_percents)) >= 3
    assert written[-1][0] == 100
    messages = [message for _percent, message in reported if message]
    assert messages == [
        f"Reading {DEMO_FILE}…",
        f"35 scenes on {job.result['pages']} pages; looking for breakdown elements…",
        f"Saving 35 scenes and {job.result['suggestions']} suggestions…",
        f"Imported: 35 scenes, {job.result['pages']} pages, {job.result['suggestions']} suggestions"
        " to review.",
    ]
    assert job.message == messages[-1]


# Query counts --------------------------------------------------------------------------------


def many_scenes(count: int, *, revised: bool = False) -> str:
    """A draft of ``count`` short scenes over ten places, each with speakers and props.

    The revised draft drops scene 3, adds a scene after scene 10 and rewrites a line in
    every fifth scene.
    """
    scenes = []
    for number in range(1, count + 1):
        if revised and number == 3:
            continue
        line = "Une autre réplique." if revised and number % 5 == 0 else f"Réplique numéro {number}."
        scenes.append(
            f"INT. LIEU {number % 10} - {'JOUR' if number % 2 else 'NUIT'}\n\n"
            f"ANNA pose une valise sur la table. PAUL{number % 7} ouvre un parapluie.\n\n"
            f"ANNA\n{line}\n\nPAUL{number % 7}\nD'accord.\n"
        )
        if revised and number == 10:
            scenes.append("EXT. TOIT - NUIT\n\nUn CHAT traverse le toit sous la pluie.\n")
    return "\n".join(scenes)


_SAVEPOINT = re.compile(r'"s\d+_x\d+"')


def read(text: str) -> tuple[Screenplay, Sequence[Suggestion]]:
    screenplay = parse_screenplay(text, source_name="many.fountain")
    return screenplay, suggest(screenplay)


def save_queries(script: Script, draft: tuple[Screenplay, Sequence[Suggestion]]) -> list[str]:
    """Save a parsed draft as the script's next version; the SQL statements it took."""
    details = versions.DraftDetails("", "white", dt.date(2026, 11, 1), "many.fountain", "", "letter")
    with zeal_context(), CaptureQueriesContext(connection) as captured:
        versions.save_version(script, *draft, details, acting_user=None)
    return [query["sql"] for query in captured.captured_queries]


def statement_kinds(queries: list[str]) -> Counter[str]:
    """How many statements of each kind: verb and table (savepoint names left out)."""
    return Counter(_SAVEPOINT.sub("", " ".join(sql.split()[:3])) for sql in queries)


BULK_INSERTS = ('INSERT INTO "scripts_scene"', 'INSERT INTO "scripts_tag"')


def batches_allowed(scenes: int, tags: int) -> int:
    """Statements a backend may need for the two large inserts.

    SQLite takes at most 999 parameters a statement, so Django splits a bulk insert of
    scenes (about 20 columns) or tags (about 10) into batches; PostgreSQL takes each in one.
    """
    limit = connection.features.max_query_params
    if limit is None:
        return len(BULK_INSERTS)
    return -(-scenes * 20 // limit) + -(-tags * 10 // limit) + len(BULK_INSERTS)


def test_saving_a_draft_takes_the_same_queries_for_25_or_250_scenes(
    production, producer, django_assert_max_num_queries
):
    small = actions.create_script(production, acting_user=producer, title="Small")
    large = actions.create_script(production, acting_user=producer, title="Large")

    def compare(small_text: str, large_text: str) -> tuple[list[str], list[str]]:
        few = save_queries(small, read(small_text))
        screenplay, suggestions = read(large_text)
        # At most one tag per suggestion, plus the decisions carried from the previous version.
        tags = len(suggestions) + Tag.objects.filter(scene__version__script=large).count()
        with django_assert_max_num_queries(len(few) + batches_allowed(len(screenplay.scenes), tags)):
            many = save_queries(large, (screenplay, suggestions))
        # Nothing but the batches of the two large inserts grows with the number of scenes.
        grown = statement_kinds(many) - statement_kinds(few)
        assert set(grown) <= set(BULK_INSERTS), grown
        assert statement_kinds(few) - statement_kinds(many) == Counter()
        if connection.features.max_query_params is None:
            assert len(many) == len(few)
        return few, many

    few, _many = compare(many_scenes(25), many_scenes(250))
    assert len(few) <= 20
    assert Scene.objects.filter(version__script=large).count() == 250

    # A revision: scene matching, locked numbers with a placeholder, carried decisions.
    for script in (small, large):
        actions.lock_scene_numbers(script, acting_user=producer)
        Tag.objects.filter(scene__version__script=script, element__category="cast").update(
            status=Tag.Status.ACCEPTED
        )
    few, _many = compare(many_scenes(25, revised=True), many_scenes(250, revised=True))
    assert len(few) <= 25
    large.refresh_from_db()
    revised = large.current_version
    assert list(revised.scenes.filter(omitted=True).values_list("number", flat=True)) == ["3"]
    assert revised.scenes.get(heading="EXT. TOIT - NUIT").number == "10A"
    assert revised.scenes.filter(change=Scene.Change.CHANGED).count() == 50
    assert Tag.objects.filter(scene__version=revised, source=Tag.Source.CARRIED).count() >= 2 * 249


def test_counts_of_rows_match_what_the_engine_read(production, producer):
    script = actions.create_script(production, acting_user=producer, title="Rows")
    screenplay, suggestions = read(many_scenes(40))

    save_queries(script, (screenplay, suggestions))

    version = script.versions.get()
    assert version.scenes.count() == 40
    assert script.locations.count() == 10
    elements = Counter((s.category, s.name) for s in suggestions)
    assert set(script.elements.values_list("category", "name")) == set(elements)
    assert Tag.objects.filter(scene__version=version).count() == len(suggestions)
    assert set(script.elements.filter(category="cast").values_list("name", flat=True)) == {
        "ANNA",
        *(f"PAUL{n}" for n in range(7)),
    }
