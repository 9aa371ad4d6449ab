"""Collecting from the web: pages by URL, RSS/Atom feeds and news sitemaps into the archive.

    warta ingest https://…/berita/1     fetch.Fetcher → pipeline.Collector → Archive
    warta watch sources.yaml --every 10m    watch.watch_round over sources.Source, per round
    warta sources                       store.source_report: last success, pages, failures
    warta reextract                     reextract.reextract: stored raw pages, no fetching

Modules, in the order a URL meets them: ``urls`` (canonical form, rel=canonical, AMP),
``fetch`` (robots.txt, ``gates`` per host, retries, redirects, size cap), ``decode`` (charset
from the header, then the page reader), ``pipeline`` (extract, store, record), ``store`` (the
collect tables), ``listings`` (feeds and sitemaps), ``sources`` (sources files), ``watch``.
Settings are in ``config.CollectSettings``; ``timing`` parses intervals and Retry-After.
Nothing here is imported when warta starts: httpx and feedparser load on first use.
"""
