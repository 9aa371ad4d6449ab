"""Chrome section headings ("Berita Terkait", "Terpopuler", ...) → the chrome list they fill."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from typing import Literal

import yaml

SectionName = Literal["related", "popular", "picks", "latest", "ignored"]
_TRIM = re.compile(r"^[\W_]+|[\W_]+$")


@cache
def _headings() -> dict[str, SectionName]:
    text = resources.files("warta.page").joinpath("data/sections.yaml").read_text("utf-8")
    table: dict[str, list[str]] = yaml.safe_load(text)
    return {_key(heading): section for section, headings in table.items()  # type: ignore[misc]
            for heading in headings}


def _key(text: str) -> str:
    return " ".join(_TRIM.sub("", text).casefold().split())


def section_of_heading(line: str) -> SectionName | None:
    """The chrome list a heading line opens, or None when the line is not a known heading."""
    if len(line) > 60:
        return None
    return _headings().get(_key(line))
