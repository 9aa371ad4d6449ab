"""What ``warta watch`` follows: feed and sitemap URLs, or a YAML sources file of outlets.

A sources file (see ``data/sources.yaml`` for a sample)::

    outlets:
      - name: Antara                      # the source name shown by `warta sources`
        feeds: [https://…/rss/terkini.xml]  # RSS or Atom
        sitemaps: [https://…/sitemap-news.xml]  # news sitemaps or sitemap indexes
        rate: 0.5                         # optional: requests per second to its hosts
        concurrency: 1                    # optional: requests at once to its hosts

A URL given on the command line is a source of its own, named after its host; whether it is a
feed or a sitemap is read from what it serves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from warta.collect.config import CollectSettings, HostPolicy
from warta.collect.urls import host_of, is_http_url
from warta.errors import WartaError


class SourcesError(WartaError):
    reason = "bad-sources"


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    listings: tuple[str, ...]          # feed and sitemap URLs
    policy: HostPolicy | None = None   # for the hosts of its listings


def sample_sources_path() -> Path:
    """The sample sources file shipped with warta (major Indonesian outlets)."""
    return Path(str(resources.files("warta.collect") / "data" / "sources.yaml"))


def sources_from_args(args: Iterable[str]) -> list[Source]:
    """URLs as sources of their own, paths as sources files (SourcesError on a bad file)."""
    found: list[Source] = []
    for arg in args:
        if is_http_url(arg):
            found.append(Source(host_of(arg) or arg, (arg.strip(),)))
        else:
            found += load_sources(Path(arg))
    return found


def load_sources(path: Path) -> list[Source]:
    """The outlets of a YAML sources file; SourcesError names the file and the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise SourcesError(str(path), f"cannot be read ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        raise SourcesError(str(path), f"is not valid YAML ({' '.join(str(exc).split())})"
                           ) from None
    outlets = data.get("outlets") if isinstance(data, dict) else None
    if not isinstance(outlets, list) or not outlets:
        raise SourcesError(str(path), "needs a list of outlets under 'outlets:'")
    return [_outlet(path, number, entry) for number, entry in enumerate(outlets, 1)]


def _outlet(path: Path, number: int, entry: Any) -> Source:
    where = f"outlet {number}"
    if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
        raise SourcesError(str(path), f"{where} needs a name")
    where = f"outlet {entry['name']!r}"
    listings: list[str] = []
    for key in ("feeds", "sitemaps"):
        values = entry.get(key) or []
        if not isinstance(values, list) or not all(
                isinstance(v, str) and is_http_url(v) for v in values):
            raise SourcesError(str(path), f"{where}: {key} must be a list of http(s) URLs")
        listings += [v.strip() for v in values]
    if not listings:
        raise SourcesError(str(path), f"{where} lists no feeds or sitemaps")
    policy = None
    if "rate" in entry or "concurrency" in entry:
        default = HostPolicy()
        rate = entry.get("rate", default.rate)
        concurrency = entry.get("concurrency", default.concurrency)
        if not isinstance(rate, int | float) or rate <= 0 or not isinstance(concurrency, int) \
                or concurrency < 1:
            raise SourcesError(str(path), f"{where}: rate must be a positive number of "
                               "requests per second and concurrency a positive whole number")
        policy = HostPolicy(rate=float(rate), concurrency=concurrency)
    return Source(entry["name"], tuple(listings), policy)


def with_source_policies(settings: CollectSettings, sources: Iterable[Source]
                         ) -> CollectSettings:
    """``settings`` with each source's rate and concurrency set for its listings' hosts."""
    hosts = {host_of(url): source.policy for source in sources if source.policy
             for url in source.listings}
    return settings.with_hosts(hosts)
