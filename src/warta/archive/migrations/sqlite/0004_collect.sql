-- Version 4: collecting from the web (warta.collect): which URLs were fetched and what page
-- each gave, failed fetches waiting to be retried, and the state of each watched feed or
-- sitemap. Times are ISO 8601 UTC text (YYYY-MM-DDTHH:MM:SSZ) on both backends.

CREATE TABLE fetched_urls (
    url           TEXT PRIMARY KEY,              -- canonical form of a URL asked, reached or declared
    content_hash  TEXT,                          -- pages.content_hash of the page kept for it
    source        TEXT NOT NULL,                 -- the source that listed it ("ingest" for warta ingest URL)
    requested_url TEXT NOT NULL,                 -- the URL as it was asked for
    final_url     TEXT NOT NULL,                 -- after redirects
    canonical_url TEXT,                          -- rel=canonical of the page, canonical form
    status        INTEGER NOT NULL,              -- HTTP status of the last response
    redirects     TEXT NOT NULL DEFAULT '[]',    -- JSON list of [status, location] hops
    charset       TEXT,                          -- charset named by the Content-Type header
    fetched_at    TEXT NOT NULL
);
CREATE INDEX fetched_urls_hash ON fetched_urls(content_hash);
CREATE INDEX fetched_urls_source ON fetched_urls(source);

CREATE TABLE fetch_failures (
    url           TEXT PRIMARY KEY,              -- canonical form of the URL that failed
    source        TEXT NOT NULL,
    status        INTEGER,                       -- HTTP status, NULL when none came back
    reason        TEXT NOT NULL,                 -- reason code: timeout, http-500, robots, ...
    message       TEXT NOT NULL,                 -- one line naming the URL and the problem
    attempts      INTEGER NOT NULL DEFAULT 1,
    first_failed  TEXT NOT NULL,
    last_failed   TEXT NOT NULL,
    retry_at      TEXT                           -- next try; NULL: never (robots.txt, gave up)
);
CREATE INDEX fetch_failures_source ON fetch_failures(source);

CREATE TABLE watched_feeds (
    url           TEXT PRIMARY KEY,              -- an RSS/Atom feed or a (news) sitemap
    source        TEXT NOT NULL,
    kind          TEXT,                          -- feed | sitemap | sitemapindex
    etag          TEXT,                          -- validators for the next conditional GET
    last_modified TEXT,
    last_checked  TEXT,
    last_success  TEXT,
    last_new      TEXT,                          -- when it last listed an item not seen before
    items_seen    INTEGER NOT NULL DEFAULT 0,    -- new items it listed, over all rounds
    failures      INTEGER NOT NULL DEFAULT 0,    -- failed checks in a row
    last_error    TEXT
);
CREATE INDEX watched_feeds_source ON watched_feeds(source);
