"""Sentence boundaries, kept here for the modules that import them from ``sources.text``."""

from sources.extraction.text import clause_bounds, sentence_bounds

__all__ = ["clause_bounds", "sentence_bounds"]
