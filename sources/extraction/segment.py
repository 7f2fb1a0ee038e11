"""Stage 1, segment: the body as lines (blocks) and sentences, with page furniture marked.

Furniture is recognised by its shape, never by its wording, so that a cookie
notice or a menu in any language is caught:

* a run of three or more short lines without sentence punctuation (menus,
  tag lists, link lists);
* a teaser that ends in an ellipsis, and the link line just above it
  (related-article boxes);
* a line that repeats an earlier line, alone or run together with breadcrumb
  words ("NewsWorld" + the headline);
* a line that is mostly links, handles, an address or a copyright;
* a byline ("By A Name");
* a trailing block of the page in another language than the article's, after
  the article has ended (consent banners, footers); see :mod:`.language`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sources.articles import Article
from sources.extraction.cues import is_furniture_line, is_reference_line
from sources.extraction.text import sentence_bounds

__all__ = ["Block", "Segments", "Sentence", "segment"]


@dataclass(frozen=True)
class Block:
    """One non-blank line of the body: ``body[start:end]``."""

    start: int
    end: int
    furniture: bool = False
    reference: bool = False


@dataclass(frozen=True)
class Sentence:
    """``body[start:end]``, inside ``blocks[block]``."""

    start: int
    end: int
    block: int


@dataclass(frozen=True)
class Segments:
    article: Article
    blocks: tuple[Block, ...]
    sentences: tuple[Sentence, ...]

    @property
    def body(self) -> str:
        return self.article.body


def segment(article: Article) -> Segments:
    """Split the body into lines and sentences and mark furniture lines."""
    body = article.body
    spans = _lines(body)
    texts = [body[s:e] for s, e in spans]
    furniture = _furniture(texts)
    blocks = tuple(
        Block(s, e, furniture[i], is_reference_line(texts[i])) for i, (s, e) in enumerate(spans)
    )
    sentences: list[Sentence] = []
    number = 0
    for start, end in sentence_bounds(body):
        while number + 1 < len(blocks) and blocks[number].end <= start:
            number += 1
        if sentences and _wraps(body, sentences[-1], start, blocks):
            sentences[-1] = Sentence(sentences[-1].start, end, sentences[-1].block)
        else:
            sentences.append(Sentence(start, end, number))
    return Segments(article, blocks, tuple(sentences))


def _wraps(body: str, previous: Sentence, start: int, blocks: tuple[Block, ...]) -> bool:
    """Hard-wrapped text: a line that stops mid-sentence, the next one going on in lowercase."""
    between = body[previous.end : start]
    last = body[max(previous.start, previous.end - 3) : previous.end]
    if between.count("\n") != 1 or between.strip() or _SENTENCE_END.search(last):
        return False
    if blocks[previous.block].furniture:
        return False
    if body[start : start + 1] in _OPENING_QUOTES and _DANGLING.search(last):
        return True  # "... Çukurca ilçesinde" + "“Teröristle ...": a quoted name goes on
    if blocks[previous.block].start < previous.start and _DANGLING.search(last):
        # A sentence that began after another on its line is running text, not a heading
        # or a menu item: stopping on a lower-case word, it goes on at "17-18 Şubat'ta".
        return True
    first = body[start : start + 2].lstrip("“\"«„'‘")
    return first[:1].islower()


def _lines(body: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for line in body.split("\n"):
        end = start + len(line)
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            spans.append((start + lead, start + lead + len(stripped)))
        start = end + 1
    return spans


_OPENING_QUOTES = frozenset("“«„")
# A line that stops on a word in lower case (not a headline's capitalised word).
_DANGLING = re.compile(r"[^\W\d_]*[a-zçğıöşüəа-яё]$")
# Words of a short line: a menu item, a tag, a label.
_SHORT_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?؟։။。:;»”\"')\]]\s*$")
_ELLIPSIS = re.compile(r"(?:\.\.\.|…)\s*$")
# A photo's file name left in the text: "tank ministry.jpg".
_FILE_NAME = re.compile(r"^\S[^\n]{0,80}\.(?:jpe?g|png|gif|webp|svg)$", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:By|BY|by)\s+\S+(?:\s+\S+){0,3}$")
# "NewsWorld" + "Iran holds...": breadcrumb labels run together with no space between.
_RUN_TOGETHER = re.compile(r"^(?:[A-Z][a-z]+){2,}(?=[A-Z])")


def _furniture(lines: list[str]) -> list[bool]:
    marks = [
        is_furniture_line(line) or bool(_BYLINE.match(line) or _FILE_NAME.match(line))
        for line in lines
    ]
    short = [_is_label(line) for line in lines]
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and short[j]:
            j += 1
        if j - i >= 3:
            for k in range(i, j):
                marks[k] = True
        i = max(j, i + 1)
    for i, line in enumerate(lines):
        # Every match holds "..." or "…": a substring test spares most lines the search.
        if (
            ("..." in line or "…" in line)
            and _ELLIPSIS.search(line)
            and len(line.split()) > _SHORT_WORDS
        ):
            marks[i] = True  # a teaser, cut off
            if i > 0 and not _SENTENCE_END.search(lines[i - 1]):
                marks[i - 1] = True  # its link
    seen: set[str] = set()
    for i, line in enumerate(lines):
        if line in seen or _repeats_with_breadcrumb(line, seen):
            marks[i] = True
        seen.add(line)
    return marks


def _is_label(line: str) -> bool:
    # Words counted up to one past the limit: a paragraph is not split whole to say so.
    words = len(line.split(None, _SHORT_WORDS))
    return words <= _SHORT_WORDS and not _SENTENCE_END.search(line)


def _repeats_with_breadcrumb(line: str, seen: set[str]) -> bool:
    match = _RUN_TOGETHER.match(line)
    return match is not None and line[match.end() :] in seen
