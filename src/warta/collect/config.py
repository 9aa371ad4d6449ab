"""Settings of the collector: politeness, timeouts, retries and limits, each with its reason."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from warta import __version__

PROJECT_URL = "https://pypi.org/project/warta/"
USER_AGENT = f"warta/{__version__} (+{PROJECT_URL}; Indonesian news archiver)"


@dataclass(frozen=True, slots=True)
class HostPolicy:
    """How hard one host may be asked: requests per second and requests at once."""

    # One request a second per host is the usual courtesy for crawlers of news sites.
    rate: float = 1.0
    concurrency: int = 2


@dataclass(frozen=True, slots=True)
class CollectSettings:
    user_agent: str = USER_AGENT
    # Politeness for hosts without a policy of their own (a sources file can set one per outlet).
    host: HostPolicy = HostPolicy()
    hosts: dict[str, HostPolicy] = field(default_factory=dict)
    # Requests in flight over all hosts (bounds sockets and memory).
    concurrency: int = 16
    # Connecting should take well under a second; a slow news page may stream for a while.
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    # Tries per request for 429, 5xx, timeouts and dropped connections (the first included).
    attempts: int = 4
    # Back-off between tries: base × 2^(try-1), capped; a Retry-After longer than the cap
    # ends the request now and leaves the URL to a later round (fetch_failures.retry_at).
    backoff_base: float = 1.0
    backoff_max: float = 60.0
    # Browsers stop after 20 hops; news pages need 1-3 (http → https, www, trailing slash).
    max_redirects: int = 10
    # A news page is under 2 MB; 10 MB leaves room for inline scripts and stops endless bodies.
    max_bytes: int = 10_000_000
    # Feeds and sitemaps may be bigger (a sitemap holds up to 50,000 URLs, about 10 MB).
    max_listing_bytes: int = 50_000_000
    # robots.txt is read again after this long (RFC 9309 suggests at most a day).
    robots_ttl: float = 24 * 3600.0
    # Sitemap indexes nest; three levels reach every real site's news sitemaps.
    sitemap_depth: int = 3
    # A failed URL is tried again in a later round after base × 2^(attempts-1) seconds, and
    # given up after this many attempts (a 404 now is usually a 404 tomorrow).
    failure_retry_base: float = 600.0
    failure_attempts: int = 6

    def policy(self, host: str) -> HostPolicy:
        """The policy of ``host`` (lower case, without port), or the default one."""
        return self.hosts.get(host, self.host)

    def with_hosts(self, hosts: dict[str, HostPolicy]) -> CollectSettings:
        return replace(self, hosts={**self.hosts, **hosts})


DEFAULT_COLLECT = CollectSettings()
