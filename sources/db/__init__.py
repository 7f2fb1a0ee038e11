"""Persistence: articles, the extraction cache and the review history in one database.

Import :class:`sources.db.database.Database` to use it; ``python -m sources.db``
applies migrations and prunes old cache rows.
"""
