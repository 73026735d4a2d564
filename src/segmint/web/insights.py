"""The dashboard's insights in the interface language: the library words each one from its code and
figures (segmint.kpis.insights.word, as the HTML report does), with the numbers as the page writes them."""

from __future__ import annotations

from segmint.kpis.insights import word

THIN = "\u202f"  # English pages: 1 234.56 and 12 %, as web/render.py writes numbers


def worded(item: dict, lang: str = "en", names: dict[str, str] | None = None) -> str:
    """The insight's sentence in `lang`, its figures written as `lang` writes numbers; `names`: its
    segments as the page names them (kpis.insights.segment_names: a family group by its label)."""
    return word(item, lang, group=THIN, space=THIN, names=names)
