"""Rich tables: one per dataset, metrics as rows, warta and trafilatura side by side."""

from __future__ import annotations

from typing import Any, Literal

from rich.console import Console
from rich.table import Table

Result = dict[str, Any]
Kind = Literal["score", "count", "ms", "mb"]
Row = tuple[str, Kind, Any, Any]
SHOW_LOSSES = 10
LEGEND = (
    "Body: lower-cased \\w+ tokens, multiset overlap, mean over pages. "
    "ms/page: wall time of warta.extract() vs trafilatura.extract() only (pages in memory, "
    "the two interleaved per page; trafilatura's bare_extraction for metadata is untimed). "
    "Memory: each system alone in a fresh subprocess, peak RSS (VmHWM) and its growth during "
    "extraction. Last column: warta − trafilatura, or warta / trafilatura for time and memory.\n"
)


def print_result(console: Console, result: Result) -> None:
    """The dataset's table and, below it, the pages where warta loses to trafilatura."""
    errors = [f"{name}: {scores['error']}" for name, scores in result["systems"].items()
              if "error" in scores]
    if errors:
        console.print(f"{result['label']}: scoring failed\n  " + "\n  ".join(errors) + "\n")
        return
    table = Table(title=f"{result['label']} — {result['pages']} pages", title_justify="left")
    for header in ("metric", "warta", "trafilatura", "warta vs traf."):
        table.add_column(header, justify="left" if header == "metric" else "right")
    for label, kind, warta, traf in rows(result):
        table.add_row(label, _fmt(warta, kind), _fmt(traf, kind), _compare(warta, traf, kind))
    console.print(table)
    worse = set(result["warta_worse"])
    console.print(f"warta body F1 < trafilatura's by > 0.01 on {len(worse)} of "
                  f"{result['pages']} pages")
    losses = [page for page in result["per_page"] if page["id"] in worse]
    for page in losses[:SHOW_LOSSES]:
        console.print(f"  {_short(page['id'])}  warta {page['warta_f1']:.3f}  "
                      f"trafilatura {page['trafilatura_f1']:.3f}")
    if len(losses) > SHOW_LOSSES:
        console.print(f"  (+{len(losses) - SHOW_LOSSES} more in --json)")
    console.print()


def print_legend(console: Console) -> None:
    console.print(LEGEND)


def _short(page_id: str) -> str:
    return page_id if len(page_id) <= 40 else f"{page_id[:16]}…"


def rows(result: Result) -> list[Row]:
    warta, traf = result["systems"]["warta"], result["systems"]["trafilatura"]
    out: list[Row] = [(f"body {name}", "score", warta["body"][key], traf["body"][key])
                      for name, key in (("P", "precision"), ("R", "recall"), ("F1", "f1"))]
    for kind in ("html", "text"):
        if "body_f1_by_kind" in warta:
            out.append((f"  body F1, {kind} pages", "score", warta["body_f1_by_kind"][kind],
                        traf["body_f1_by_kind"][kind]))
    out += [("empty outputs", "count", warta["empty"], traf["empty"]),
            ("errors", "count", warta["errors"], traf["errors"])]
    if "chrome_leak" in warta:
        out.append(("chrome_leak (headlines)", "count", warta["chrome_leak"],
                    traf["chrome_leak"]))
    for key, value in warta.get("metadata", {}).items():
        out.append((f"{key} accuracy", "score", value, traf["metadata"][key]))
    for key, value in warta.get("chrome_recall", {}).items():
        out.append((f"chrome recall {key}", "score", value, traf["chrome_recall"][key]))
    return out + _cost_rows(warta, traf)


def _cost_rows(warta: Result, traf: Result) -> list[Row]:
    out: list[Row] = [("ms/page (mean)", "ms", warta["ms_per_page"], traf["ms_per_page"]),
                      ("ms/page (median)", "ms", warta["ms_median"], traf["ms_median"])]
    w_mem, t_mem = warta.get("memory") or {}, traf.get("memory") or {}
    if "peak_mb" in w_mem and "peak_mb" in t_mem:
        out += [("peak RSS MB (own process)", "mb", w_mem["peak_mb"], t_mem["peak_mb"]),
                ("  of which extraction MB", "mb", w_mem["extraction_mb"],
                 t_mem["extraction_mb"])]
    return out


def _fmt(value: Any, kind: Kind) -> str:
    if value is None:
        return "-"
    if kind == "count":
        return str(value)
    return f"{value:.1f}" if kind in ("ms", "mb") else f"{value:.3f}"


def _compare(warta: Any, traf: Any, kind: Kind) -> str:
    if warta is None or traf is None:
        return "-"
    if kind in ("ms", "mb"):
        return f"{warta / traf:.2f}×" if traf else "-"
    diff = warta - traf
    return f"{diff:+d}" if kind == "count" else f"{diff:+.3f}"
