"""Country names in the region's languages, from maintained data, never typed in by hand.

Two sources, both shipped as Python packages:

* CLDR territory names through ``babel`` (complete for every language we need, kept
  current by the Unicode consortium's translators);
* ``pycountry``'s iso3166-1 translations (Debian's iso-codes), which add official and
  older spellings ("Российская Федерация", "Орус Федерациясы").

Short forms ("US", "U.S.", "РФ", "ABŞ") are not in either source, so the few that
are unambiguous in news text are listed in ``SHORT_FORMS`` below.
"""

from __future__ import annotations

import functools
import gettext
from importlib import metadata

import pycountry
from babel import Locale

__all__ = [
    "LANGUAGES",
    "SHORT_FORMS",
    "country_names",
    "names_provenance",
    "short_forms",
]

# The languages articles on drills in the region are written in. Uzbek is also
# written in Cyrillic, so CLDR's uz_Cyrl names come with "uz".
LANGUAGES = ("en", "az", "tr", "ru", "fa", "hy", "ka", "kk", "ky", "tg", "tk", "uz")
_CLDR_LOCALES = (*LANGUAGES, "uz_Cyrl")
# Translated country names that are also everyday words in that language, capitalised
# at a sentence start or caseless: Persian مالی ("financial"), Russian Того ("of that").
COMMON_WORDS = frozenset({"مالی", "Того"})
# Abbreviations that name one country only, in the region's languages.
SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "US": (
        "US",
        "U.S.",
        "USA",
        "U.S.A.",
        "США",
        "ABŞ",
        "ABD",
        "AQSh",
        "AQSH",
        "ИМА",
        "ԱՄՆ",
        "აშშ",
        "АҚШ",
        "АКШ",
        "آمریکا",
    ),
    # Persian news calls Iran "the Islamic Republic" and nothing else so.
    "IR": ("جمهوری اسلامی",),
    # "Қазақстан Республикасы": the letter Қ is Kazakh only, so this names one country.
    "KZ": ("ҚР",),
    "GB": ("UK", "U.K."),
    "RU": ("РФ", "ՌԴ"),
    "AE": ("UAE", "ОАЭ", "BƏƏ", "BAE"),
    "KP": ("DPRK", "КНДР"),
    "CN": ("PRC", "КНР", "ÇXR", "ÇHC"),
}


def country_names(alpha_2: str) -> tuple[str, ...]:
    """Every name CLDR and pycountry give the country in ``LANGUAGES``, first seen first.

    English comes first, then each language in ``LANGUAGES`` order; names that are
    everyday words (``COMMON_WORDS``) are left out. An unknown code gives ``()``.
    """
    country = pycountry.countries.get(alpha_2=alpha_2)
    if country is None:
        return ()
    english = [getattr(country, field, "") for field in ("name", "common_name", "official_name")]
    names: list[str] = [n for n in english if n]
    for locale in _CLDR_LOCALES:
        names.append(_cldr_names(locale).get(alpha_2, ""))
        names.extend(_pycountry_name(locale, n) for n in english if n)
    return tuple(dict.fromkeys(n for n in names if n and n not in COMMON_WORDS))


def short_forms(alpha_2: str) -> tuple[str, ...]:
    """The unambiguous abbreviations of the country ("US", "РФ"), or ``()``."""
    return SHORT_FORMS.get(alpha_2, ())


def names_provenance() -> str:
    """Where :func:`country_names` takes names from, with package versions."""
    return (
        f"names in {', '.join(LANGUAGES)}: CLDR territory names (babel "
        f"{metadata.version('babel')}) and pycountry {metadata.version('pycountry')} "
        "iso3166-1 translations"
    )


@functools.cache
def _cldr_names(locale: str) -> dict[str, str]:
    return dict(Locale.parse(locale).territories)


@functools.cache
def _translation(language: str) -> gettext.NullTranslations:
    return gettext.translation(
        "iso3166-1", pycountry.LOCALES_DIR, languages=[language], fallback=True
    )


def _pycountry_name(locale: str, english: str) -> str:
    if locale == "en" or "_" in locale:
        return ""
    translated = _translation(locale).gettext(english)
    return "" if translated == english else translated
