"""Charts as inline SVG drawn on the server: readable without JavaScript, no library.

``bar_chart`` draws one series (mentions of an entity per month); ``stacked_chart`` draws
several stacked per label (events of a pair of countries per month, one colour per type).
Every bar carries a ``<title>`` (a tooltip) and the chart an ``aria-label``; a table of the
same numbers sits next to each chart in the templates for screen readers.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date

from markupsafe import Markup, escape

WIDTH = 640            # viewBox width; the SVG scales to its container
HEIGHT = 200           # viewBox height
PAD_LEFT = 36          # room for the value axis
PAD_BOTTOM = 28        # room for the labels
PAD_TOP = 10
MAX_LABELS = 12        # labels written under the bars; the others only in tooltips
# One colour per series, colour-blind safe (Okabe–Ito), repeated when there are more.
PALETTE = ("#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9", "#f0e442",
           "#000000")


def months_between(first: str, last: str) -> list[str]:
    """Every month ``YYYY-MM`` from ``first`` to ``last`` (both ``YYYY-MM``), inclusive."""
    year, month = int(first[:4]), int(first[5:7])
    end = (int(last[:4]), int(last[5:7]))
    out: list[str] = []
    while (year, month) <= end and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def bar_chart(labels: Sequence[str], values: Sequence[int], *, title: str,
              unit: str = "") -> Markup:
    """One bar per label, height by value."""
    return stacked_chart(labels, {unit: list(values)}, title=title, legend=False)


def stacked_chart(labels: Sequence[str], series: Mapping[str, Sequence[int]], *, title: str,
                  legend: bool = True, names: Mapping[str, str] | None = None) -> Markup:
    """Bars per label, one stacked segment per series; ``names`` shows series names."""
    names = names or {}
    totals = [sum(values[i] for values in series.values()) for i in range(len(labels))]
    top = _nice_max(max(totals, default=0))
    plot_w, plot_h = WIDTH - PAD_LEFT - 4, HEIGHT - PAD_TOP - PAD_BOTTOM
    step = plot_w / max(len(labels), 1)
    bar_w = max(1.0, step * 0.7)
    parts = [_axis(top, plot_h)]
    every = max(1, -(-len(labels) // MAX_LABELS))
    for i, label in enumerate(labels):
        x = PAD_LEFT + i * step + (step - bar_w) / 2
        base: float = PAD_TOP + plot_h
        for k, (key, values) in enumerate(series.items()):
            value = values[i]
            if not value:
                continue
            h = plot_h * value / top
            base -= h
            tip = f"{label}: {value} {names.get(key, key)}".strip()
            parts.append(f'<rect x="{x:.1f}" y="{base:.1f}" width="{bar_w:.1f}" '
                         f'height="{h:.1f}" fill="{PALETTE[k % len(PALETTE)]}">'
                         f"<title>{escape(tip)}</title></rect>")
        if i % every == 0:
            parts.append(f'<text x="{x + bar_w / 2:.1f}" y="{HEIGHT - 10}" '
                         f'text-anchor="middle" class="chart-label">{escape(label)}</text>')
    svg = (f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
           f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">'
           f"<title>{escape(title)}</title>{''.join(parts)}</svg>")
    if legend and series:
        svg += _legend(list(series), names)
    return Markup(svg)


def _axis(top: int, plot_h: float) -> str:
    lines = []
    for value in (0, top // 2, top) if top > 1 else (0, top):
        y = PAD_TOP + plot_h - plot_h * value / max(top, 1)
        lines.append(f'<line x1="{PAD_LEFT}" x2="{WIDTH - 4}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'class="chart-grid"/><text x="{PAD_LEFT - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end" class="chart-label">{value}</text>')
    return "".join(lines)


def _nice_max(value: int) -> int:
    """A round axis top at or above ``value`` (1, 2, 5, 10, 20, 50 …)."""
    top = 1
    while top < value:
        for factor in (2, 5 / 2, 2):
            top = int(top * factor)
            if top >= value:
                break
    return max(top, 1)


def _legend(keys: Sequence[str], names: Mapping[str, str]) -> str:
    items = "".join(f'<li><span class="swatch" style="background:{PALETTE[k % len(PALETTE)]}">'
                    f"</span>{escape(names.get(key, key))}</li>" for k, key in enumerate(keys))
    return f'<ul class="chart-legend">{items}</ul>'


def month_label(month: str, month_names: Sequence[str]) -> str:
    """``2026-01`` → ``Jan 2026`` in the page's language."""
    when = date(int(month[:4]), int(month[5:7]), 1)
    return f"{month_names[when.month - 1]} {when.year}"
