"""Story paragraphs as HTML with entities and event evidence marked where they stand.

Event evidence (a verbatim piece of a sentence) becomes ``<mark class="ev ev-TYPE">``;
each mention of an entity becomes ``<mark class="ent ent-TYPE">`` (a link when the entity
has a page). Evidence marks are found first and never overlap; a mention is marked when it
lies wholly inside or wholly outside every evidence mark, so the HTML always nests.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """Something to mark in the text: where it is found by ``text``, how it is shown."""

    text: str
    css: str
    title: str = ""
    href: str | None = None


Span = tuple[int, int, Mark]


def marked_paragraph(paragraph: str, *, entities: Sequence[Mark] = (),
                     evidence: Sequence[Mark] = ()) -> Markup:
    """``paragraph`` escaped, with ``entities`` and ``evidence`` marked (see the docstring)."""
    outer = _place(paragraph, evidence, whole_words=False)
    inner = [span for span in _place(paragraph, entities, whole_words=True)
             if not any(_crosses(span, ev) for ev in outer)]
    return _render(paragraph, sorted(outer + inner, key=lambda s: (s[0], -s[1])))


def _place(text: str, marks: Sequence[Mark], *, whole_words: bool) -> list[Span]:
    """Non-overlapping spans of ``marks`` in ``text``, longest texts placed first."""
    taken: list[Span] = []
    for mark in sorted(marks, key=lambda m: -len(m.text)):
        if not mark.text.strip():
            continue
        for start, end in _find(text, mark.text, whole_words=whole_words):
            if not any(start < t_end and t_start < end for t_start, t_end, _ in taken):
                taken.append((start, end, mark))
                if not whole_words:
                    break  # evidence: its first place only
    return taken


def _find(text: str, needle: str, *, whole_words: bool) -> list[tuple[int, int]]:
    pattern = re.escape(needle.strip()).replace(r"\ ", r"\s+")
    if whole_words:
        pattern = rf"(?<!\w){pattern}(?!\w)"
    found = [(m.start(), m.end()) for m in re.finditer(pattern, text)]
    if not found and not whole_words:  # evidence in other case or spacing
        found = [(m.start(), m.end()) for m in re.finditer(pattern, text, re.IGNORECASE)]
    if not whole_words:  # evidence is cut by characters: widen it to whole words
        found = [_whole_words(text, start, end) for start, end in found]
    return found


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    return start, end


def _crosses(span: Span, outer: Span) -> bool:
    start, end, _ = span
    o_start, o_end, _ = outer
    inside = o_start <= start and end <= o_end
    apart = end <= o_start or o_end <= start
    return not (inside or apart)


def _render(text: str, spans: list[Span]) -> Markup:
    out: list[str] = []
    stack: list[tuple[int, Mark]] = []  # open marks: where each ends
    cursor = 0
    for start, end, mark in spans:
        while stack and stack[-1][0] <= start:
            cursor = _close_top(text, cursor, stack, out)
        out.append(str(escape(text[cursor:start])) + _open(mark))
        cursor = start
        stack.append((end, mark))
    while stack:
        cursor = _close_top(text, cursor, stack, out)
    out.append(str(escape(text[cursor:])))
    return Markup("".join(out))


def _close_top(text: str, cursor: int, stack: list[tuple[int, Mark]], out: list[str]) -> int:
    end, mark = stack.pop()
    out.append(str(escape(text[cursor:end])) + ("</a></mark>" if mark.href else "</mark>"))
    return end


def _open(mark: Mark) -> str:
    title = f' title="{escape(mark.title)}"' if mark.title else ""
    tag = f'<mark class="{escape(mark.css)}"{title}>'
    return tag + (f'<a href="{escape(mark.href)}">' if mark.href else "")
