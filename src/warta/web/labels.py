"""Labels of the HTML pages in Indonesian (default) and English, from ``i18n/<lang>.yaml``.

The language of a request (``language``): ``?lang=id|en``, else the ``warta_lang`` cookie
(set when ``?lang`` is given), else the first of id/en in ``Accept-Language``, else ``id``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml
from starlette.requests import Request

I18N_DIR = Path(__file__).parent / "i18n"
LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
COOKIE = "warta_lang"


@cache
def catalogue(lang: str) -> dict[str, Any]:
    """The labels of one language (``i18n/<lang>.yaml``)."""
    text = (I18N_DIR / f"{lang}.yaml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    return data


class Labels:
    """``t("key", n=3)``: the label in this language, ``{n}`` filled; the key if unknown."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._labels = catalogue(lang)

    def __call__(self, key: str, **values: Any) -> str:
        label = self._labels.get(key)
        if not isinstance(label, str):
            return key
        return label.format(**values) if values else label

    def get(self, key: str, default: str) -> str:
        """The label of ``key``, or ``default`` when there is none (codes without labels)."""
        label = self._labels.get(key)
        return label if isinstance(label, str) else default

    def month(self, number: int) -> str:
        months: list[str] = self._labels["months"]
        return months[number - 1]


def language(request: Request) -> str:
    """The language to answer ``request`` in (see the module docstring)."""
    asked = request.query_params.get("lang")
    if asked in LANGUAGES:
        return asked
    cookie = request.cookies.get(COOKIE)
    if cookie in LANGUAGES:
        return cookie
    return _accepted(request.headers.get("accept-language", ""))


def _accepted(header: str) -> str:
    """The first of our languages in an Accept-Language header, by weight then order."""
    ranked: list[tuple[float, int, str]] = []
    for index, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().lower().split("-")[0]
        if primary not in LANGUAGES:
            continue
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        ranked.append((-weight, index, primary))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
