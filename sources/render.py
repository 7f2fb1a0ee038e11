"""Turning untrusted text into inert Streamlit markdown."""

from __future__ import annotations

import re

from sources.claims import Claim

__all__ = ["excerpt_markdown", "md_escape", "plain"]

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


def excerpt_markdown(claim: Claim) -> str:
    """The claim's sentence with the place in bold, everything else escaped."""
    before, mention, after = claim.highlight
    return f"{md_escape(before)} **{md_escape(mention)}** {md_escape(after)}".strip()
