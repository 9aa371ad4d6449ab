"""Room 5, crawl scale: the per-page job of warta over WARC/ARC, JSONL and folders, on Dask.

    from warta.batch import run_batch
    result = run_batch(["CC-NEWS-20260301.warc.gz"], "out/", workers=2)
    result.manifest["counts"]            # records, kept, skipped by reason, errors, rows

Modules, in the order a record passes through them:

* ``warc.py``     WARC/ARC records (FastWARC, warcio for ARC and as the fallback);
* ``inputs.py``   inputs → deterministic partitions → records;
* ``filters.py``  status, HTML, domain allow-list, language (py3langid);
* ``run.py``      keep / skip / fail a record; one partition → its part files (no Dask);
* ``rows.py``     Extraction ⇄ Parquet rows; ``parquet.py`` the output folder;
* ``cluster.py``  Dask: LocalCluster or a scheduler address, one task per partition;
* ``job.py``      the whole run: plan, resume, manifest; ``command.py`` ``warta batch``;
* ``load.py``     batch output → archive (``warta ingest --from-parquet``).

See docs/batch.md for usage, the output schema and resume semantics.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from warta.batch.job import BatchResult, run_batch

__all__ = ["BatchResult", "run_batch"]


def __getattr__(name: str) -> Any:
    """Load the batch machinery (pyarrow) on first use only."""
    if name in __all__:
        from warta.batch import job

        return getattr(job, name)
    raise AttributeError(name)
