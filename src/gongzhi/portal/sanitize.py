"""Story bodies: the HTML a story may hold, cleaned with nh3 (a maintained sanitiser).

Staff may type HTML or plain text. Plain text is turned into paragraphs, with lines starting
``## `` or ``### `` as headings; then whatever remains goes through nh3 with a short list of
tags, so scripts, event handlers, styles and ``javascript:`` links never reach a page.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape, strip_tags

TAGS = {"h2", "h3", "h4", "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "a"}
ATTRIBUTES = {"a": {"href", "title"}}
URL_SCHEMES = {"http", "https", "mailto"}
_HAS_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def _from_plain_text(text: str) -> str:
    blocks = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if not lines:
            continue
        first = lines[0]
        if first.startswith("### "):
            blocks.append(f"<h3>{escape(first[4:])}</h3>")
            lines = lines[1:]
        elif first.startswith("## "):
            blocks.append(f"<h2>{escape(first[3:])}</h2>")
            lines = lines[1:]
        if lines:
            blocks.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return "\n".join(blocks)


def clean_body(text: str) -> str:
    """Safe HTML for a story body."""
    text = (text or "").replace("\r\n", "\n")
    if not _HAS_TAG.search(text):
        text = _from_plain_text(text)
    return nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def plain_summary(html: str, length: int = 80) -> str:
    """The first ``length`` characters of a body's text, for lists and search results."""
    text = " ".join(strip_tags(html).split())
    return text if len(text) <= length else text[: length - 1] + "…"
