"""Turning untrusted text into inert Streamlit markdown."""

from __future__ import annotations

import html
import re

from sources.claims import Claim

__all__ = ["excerpt_html", "md_escape", "plain"]

# Every character markdown, Streamlit's LaTeX or its colour/emoji syntax can act on.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:=&\"'])")
_AUTOLINK = re.compile(r"(?i)(?:://|www\.|@)(?=\S)")
_INVISIBLE = re.compile(r"[\u0000-\u0008\u000b-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def md_escape(text: str) -> str:
    """``text`` as literal markdown: no links, images, HTML, maths or emphasis.

    Bare URLs would still be auto-linked, so a zero-width space breaks them:
    a dropped ``javascript:`` or tracking link is shown, never clickable.
    """
    text = _INVISIBLE.sub("", text)
    text = " ".join(text.split())
    text = _AUTOLINK.sub(lambda m: m.group(0)[:-1] + "\u200b" + m.group(0)[-1], text)
    return _SPECIAL.sub(r"\\\1", text)


def plain(text: str) -> str:
    """Text for ``st.text`` and tables: inert already, but no bidi tricks or controls."""
    return " ".join(_INVISIBLE.sub("", text).split())


def excerpt_html(claim: Claim, *, css_class: str = "atlas-quote") -> str:
    """The claim's sentence exactly as the outlet wrote it, the place marked, as inert HTML.

    Every character stays where it was, spaces and line breaks included (no space is
    added around the place, as markdown's ``**`` needed); ``html.escape`` makes the
    text inert. Only bidi and control characters are left out: they would reorder
    or hide what a reader sees. ``css_class`` names the quote's place on the page
    (the excerpt beside the map, or a row of a table).
    """
    before, mention, after = (html.escape(_INVISIBLE.sub("", part)) for part in claim.highlight)
    return (
        f'<blockquote class="{html.escape(css_class)}" style="white-space:pre-wrap;margin:0.4em 0;'
        'padding:0.2em 0 0.2em 0.8em;border-left:3px solid #999999">'
        f'{before}<mark class="atlas-place" style="font-weight:bold;background:#ffe9a8">'
        f"{mention}</mark>{after}</blockquote>"
    )
