"""Bringing articles in: files (Markdown, text, HTML), pasted text, and optionally URLs.

Every way in ends in the same :class:`sources.articles.Article`, checked the
same way (size, encoding, fields), so the page, ``python -m sources.ingest``
and the articles folder agree on what an article is.
"""
