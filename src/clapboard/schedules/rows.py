"""The rows of a stripboard as HTML, written in Python rather than in the template.

A board holds hundreds of strips and is sent again after every move. The template
language spends most of that answer on per-row lookups, tags and includes, more than the
150 ms a reorder may take on a 400-strip board; these few row shapes are therefore built
here with ``format_html`` (every value escaped), from the display values that
``calculation.load_board`` prepared. The board template keeps everything else.
"""

from __future__ import annotations

from django.utils.dateformat import format as format_date
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .calculation import BoardView, DayRow, StripRow
from .models import Strip

DATE_FORMAT = "l j F Y"  # "lundi 3 mai 2027"


def day_summary(day: DayRow) -> SafeString:
    """End of day N · date · pages · hours · cast · company moves."""
    parts = [format_html("<strong>{}</strong>", _("End of day %(number)s") % {"number": day.number})]
    if day.date is not None:
        parts.append(format_html("{}", format_date(day.date, DATE_FORMAT)))
    parts.append(format_html("{}", _("%(pages)s pages") % {"pages": day.pages}))
    parts.append(format_html("{}", _("about %(hours)s") % {"hours": day.hours}))
    if day.day.cast:
        parts.append(format_html("{} {}", _("cast"), " ".join(str(number) for number in day.day.cast)))
    moves = day.day.moves_within
    if moves:
        parts.append(
            format_html(
                "{}", ngettext("%(moves)s company move", "%(moves)s company moves", moves) % {"moves": moves}
            )
        )
    return mark_safe(" · ".join(parts))


class RowWriter:
    """Writes the rows of one board for one reader (with or without the editing controls)."""

    def __init__(
        self, *, can_edit: bool, strip_base: str, csrf_token: str, version: str, episodes: bool = False
    ) -> None:
        self.can_edit = can_edit
        self.episodes = episodes  # several episodes on the board: each scene shows its own
        self.episode_title = _("Episode")
        self.strip_base = strip_base
        self.csrf_token = csrf_token
        self.version = version
        self.handle = mark_safe('<span aria-hidden="true">⠿</span>') if can_edit else ""
        self.remove_label = _("Remove")

    def remove_form(self, row: StripRow) -> SafeString | str:
        if not self.can_edit:
            return ""
        action = f"{self.strip_base}{row.key}/remove/"
        return format_html(
            '<form method="post" action="{}" hx-post="{}" hx-target="#board" hx-swap="outerHTML" class="inline-form">'
            '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'
            '<input type="hidden" name="version" value="{}">'
            '<button type="submit" class="button button--small button--quiet">{}'
            '<span class="visually-hidden"> {}</span></button></form>',
            action,
            action,
            self.csrf_token,
            self.version,
            self.remove_label,
            row.strip.get_kind_display(),
        )

    def scene(self, row: StripRow) -> SafeString:
        return format_html(
            '<tr class="strip strip--{}" data-id="{}"><td class="strip__handle">{}</td>'
            '<td class="num strong">{}{}</td><td class="nowrap">{}</td><td class="nowrap">{}</td>'
            '<td>{}</td><td class="num nowrap">{}</td><td class="strip__cast">{}</td></tr>',
            row.colour,
            row.key,
            self.handle,
            format_html('<span class="strip__episode" title="{}">{}</span>', self.episode_title, row.episode)
            if self.episodes and row.episode
            else "",
            row.number,
            "—" if row.int_ext == "UNKNOWN" else row.int_ext,
            row.time or "—",
            row.location,
            row.pages,
            row.cast_text,
        )

    def line(self, row: StripRow, css: str, content: SafeString | str) -> SafeString:
        return format_html(
            '<tr class="strip strip--{}" data-id="{}"><td class="strip__handle">{}</td>'
            '<td colspan="6"><div class="strip__line"><span>{}</span>{}</div></td></tr>',
            css,
            row.key,
            self.handle,
            content,
            self.remove_form(row),
        )

    def row(self, row: StripRow) -> SafeString:
        kind = row.strip.kind
        if kind == Strip.Kind.SCENE:
            return self.scene(row)
        if kind == Strip.Kind.DAY_BREAK:
            return self.line(row, "break", day_summary(row.day) if row.day is not None else "")
        if kind == Strip.Kind.BANNER:
            return self.line(row, "banner", row.strip.text)
        content = format_html("<strong>{}</strong>", row.strip.get_kind_display())
        if row.day is not None and row.day.date is not None:
            content = format_html("{} · {}", content, format_date(row.day.date, DATE_FORMAT))
        if row.strip.text:
            content = format_html("{} · {}", content, row.strip.text)
        return self.line(row, "off", content)

    def rows(self, view: BoardView) -> SafeString:
        return mark_safe("".join(self.row(row) for row in view.rows))
