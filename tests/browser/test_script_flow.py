"""A line producer imports the screenplay and reviews its breakdown, in a real browser.

Create the script, upload the demo screenplay, watch the import job queued, let the
worker run it, open the script, review the suggestions of a scene (accept one with
htmx) and tag words selected in the scene text. Screenshots go to test-artifacts/browser/.
"""

from __future__ import annotations

import re
from importlib.resources import files

from playwright.sync_api import expect

from clapboard.core.tests.job_tasks import run_worker
from clapboard.scripts.models import Script, Tag

from .. import factories
from .conftest import shot

DEMO_SCRIPT = files("clapboard.productions").joinpath("data", "le-dernier-bac.fountain")


def log_in(page, url: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{url}/")
    page.get_by_label(re.compile("username|identifiant", re.I)).fill(username)
    page.get_by_label(re.compile("password|mot de passe", re.I)).fill(factories.PASSWORD)
    page.get_by_role("button", name=re.compile("log in|connexion|se connecter", re.I)).click()
    page.wait_for_url(re.compile(r"/$"))


def test_line_producer_imports_the_script_and_reviews_a_scene(
    live_server, page, transactional_db, tmp_path, settings
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media"), "base_url": None},
        },
    }
    producer = factories.make_user("yann", full_name="Yann Le Gall")
    company = factories.make_company(producer, name="Films du Contre-Jour")
    production = factories.make_production(producer, company, title="Le Dernier Bac", kind="short")
    script_file = tmp_path / "le-dernier-bac.fountain"
    script_file.write_bytes(DEMO_SCRIPT.read_bytes())

    log_in(page, live_server.url, "yann")
    page.goto(f"{live_server.url}/productions/{production.pk}/")
    page.get_by_role(
        "navigation", name=re.compile("production modules|modules de la production", re.I)
    ).get_by_role("link", name=re.compile("^(script|scénario)$", re.I)).click()
    page.get_by_role("button", name=re.compile("create the script|créer le scénario", re.I)).click()
    page.wait_for_url(re.compile(r"/script/\d+/$"))
    shot(page, "11-script-empty")

    page.get_by_label(re.compile("script file|fichier du scénario", re.I)).set_input_files(str(script_file))
    page.get_by_label(re.compile("^(label|libellé)", re.I)).fill("Version de tournage")
    page.get_by_role("button", name=re.compile("^(import|importer)$", re.I)).click()
    page.wait_for_url(re.compile(r"/jobs/"))
    page.locator(".job progress").wait_for()
    shot(page, "12-import-queued")
    job_url = page.url

    page.goto("about:blank")  # the worker below shares the test's database connection
    run_worker()
    page.goto(job_url)
    page.get_by_text(re.compile("imported|importé", re.I)).first.wait_for()
    shot(page, "13-import-done")
    page.get_by_role("link", name=re.compile("open the script|ouvrir le scénario", re.I)).click()

    script = Script.objects.get(production=production)
    assert script.current_version.scene_count == 35
    page.get_by_role("heading", name=re.compile("viability|faisabilité", re.I)).wait_for()
    shot(page, "14-script-overview")

    scene = script.current_version.scenes.get(position=3)
    page.goto(f"{live_server.url}/productions/{production.pk}/script/scenes/{scene.pk}/")
    suggestions = page.locator(".suggestion")
    before = suggestions.count()
    assert before > 0
    first = (
        scene.tags.filter(status=Tag.Status.SUGGESTED)
        .select_related("element")
        .order_by("start", "id")
        .first()
    )
    page.get_by_role(
        "button", name=re.compile(f"(accept|accepter) {re.escape(first.element.name)}$", re.I)
    ).first.click()
    expect(suggestions).to_have_count(before - 1)
    first.refresh_from_db()
    assert first.status == Tag.Status.ACCEPTED
    shot(page, "15-scene-review")

    # Select "eau plate" in the scene text: the form takes the words and their offsets.
    start = scene.text.index("eau plate")
    page.evaluate(
        """([start, end]) => {
            const box = document.querySelector('[data-scene-text]');
            const walker = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
            let seen = 0, range = document.createRange(), node;
            while ((node = walker.nextNode())) {
                const next = seen + node.length;
                if (start >= seen && start < next) range.setStart(node, start - seen);
                if (end > seen && end <= next) { range.setEnd(node, end - seen); break; }
                seen = next;
            }
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            document.dispatchEvent(new MouseEvent('mouseup', {bubbles: true}));
        }""",
        [start, start + len("eau plate")],
    )
    form = page.locator("[data-tag-form]")
    assert form.locator("[name=name]").input_value() == "eau plate"
    form.get_by_label(re.compile("^(category|catégorie)", re.I)).select_option("sfx")
    form.get_by_role("button", name=re.compile("^(tag|repérer)$", re.I)).click()
    page.locator("mark", has_text="eau plate").wait_for()
    tag = scene.tags.get(element__name="eau plate")
    assert (tag.start, tag.end, tag.status) == (start, start + len("eau plate"), Tag.Status.ACCEPTED)
    shot(page, "16-tagged-by-selection")
