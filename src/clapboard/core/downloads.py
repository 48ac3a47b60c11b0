"""Files the pages hand out: their content types and the header that names them."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.text import slugify

PDF_TYPE = "application/pdf"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def named(response: HttpResponse, title: str, extension: str, *, inline: bool = False) -> HttpResponse:
    """Name the file ``response`` carries after ``title`` (slugified: a header value must
    stay ASCII), to open in the browser (``inline``) or to save."""
    stem = slugify(title) or "document"
    response["Content-Disposition"] = f'{"inline" if inline else "attachment"}; filename="{stem}.{extension}"'
    return response


def download(
    content: bytes | str, content_type: str, title: str, extension: str, *, inline: bool = False
) -> HttpResponse:
    return named(HttpResponse(content, content_type=content_type), title, extension, inline=inline)
