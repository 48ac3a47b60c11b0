"""An activity feed as HTML, written in Python rather than in the template.

Every dashboard shows the latest changes and the activity page fifty at a time; each
item is a few lines of markup with a dozen values, which the template language spent
more time looking up than the rest of the dashboard (the reason of ``schedules/rows.py``).
Every value is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from html import escape

from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from .activity import ActivityItem, ChangeRow
from .templatetags.clapboard import short_datetime

#: How many changes a compact feed (the dashboard's) spells out per item.
COMPACT_CHANGES = 3
SEPARATOR = ' <span class="activity__sep" aria-hidden="true">—</span> '


def activity_list(items: Iterable[ActivityItem], *, compact: bool = False) -> SafeString:
    """The ``<ol>`` of a feed; ``compact`` folds each item's changes into one line."""
    writer = _FeedWriter(compact)
    empty = escape(_("No activity yet."))
    body = "".join(writer.item(item) for item in items) or f'<li class="empty">{empty}</li>'
    css = "activity activity--compact" if compact else "activity"
    return mark_safe(f'<ol class="{css}">{body}</ol>')


class _FeedWriter:
    def __init__(self, compact: bool) -> None:
        self.compact = compact
        # Translated once per feed, not once per item; each _() stands alone, outside
        # the f-strings, where makemessages finds it.
        self.initial_values = escape(_("Initial values"))
        caption = escape(_("Changes"))
        field = escape(_("Field"))
        old = escape(_("From"))
        arrow = escape(_("to"))
        new = escape(_("To"))
        self.table_head = (
            f'<caption class="visually-hidden">{caption}</caption>'
            f'<thead><tr><th scope="col" class="field-col">{field}</th><th scope="col">{old}</th>'
            f'<th scope="col" class="arrow-col"><span class="visually-hidden">{arrow}</span></th>'
            f'<th scope="col">{new}</th></tr></thead>'
        )

    def item(self, item: ActivityItem) -> str:
        line = (
            f'<p class="activity__line"><strong class="activity__who">{escape(item.actor)}</strong>{SEPARATOR}'
            f'<time class="activity__when" datetime="{item.when.isoformat()}">{escape(short_datetime(item.when))}'
            f'</time>{SEPARATOR}<span class="activity__what">{escape(item.message)}</span></p>'
        )
        note = f'<p class="activity__note">« {escape(item.note)} »</p>' if item.note else ""
        return f'<li class="activity__item">{line}{note}{self.changes(item)}</li>'

    def changes(self, item: ActivityItem) -> str:
        if not item.changes:
            return ""
        if self.compact:
            if item.initial:  # a creation's first values say little in a summary
                return ""
            summary = " · ".join(
                f"{escape(row.field)}: {escape(row.old)} → {escape(row.new)}"
                for row in item.changes[:COMPACT_CHANGES]
            )
            return f'<p class="activity__summary">{summary}</p>'
        table = (
            f'<table class="table table--changes">{self.table_head}'
            f"<tbody>{''.join(self._change_rows(item.changes))}</tbody></table>"
        )
        if item.initial:
            return f'<details class="activity__details"><summary>{self.initial_values}</summary>{table}</details>'
        return table

    @staticmethod
    def _change_rows(changes: list[ChangeRow]) -> Iterator[str]:
        for row in changes:
            yield (
                f'<tr><th scope="row">{escape(row.field)}</th><td class="change-old">{escape(row.old)}</td>'
                f'<td class="arrow-col" aria-hidden="true">→</td><td class="change-new">{escape(row.new)}</td></tr>'
            )
