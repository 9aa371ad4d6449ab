-- warta archive, SQLite, version 1: pages, articles, facts, stories, full-text index.
-- Every table is described in docs/archive-schema.md.

CREATE TABLE pages (
    id            INTEGER PRIMARY KEY,
    content_hash  TEXT NOT NULL UNIQUE,          -- sha256 hex of the raw bytes
    source        TEXT NOT NULL,                 -- how the page was named (path, "-", ...)
    url           TEXT,
    kind          TEXT NOT NULL,                 -- html | text
    fetched       TEXT,
    ingested_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    raw_size      INTEGER NOT NULL,
    raw           BLOB NOT NULL,                 -- gzip of the raw bytes
    problems      TEXT NOT NULL DEFAULT '[]'     -- JSON list of strings
);

CREATE TABLE articles (
    id            INTEGER PRIMARY KEY,
    page_id       INTEGER NOT NULL UNIQUE REFERENCES pages(id) ON DELETE CASCADE,
    title         TEXT,
    body          TEXT NOT NULL,                 -- paragraphs joined by a blank line
    published     TEXT,                          -- ISO 8601 text
    outlet        TEXT,
    wire_sources  TEXT NOT NULL DEFAULT '[]',    -- JSON list
    authors       TEXT NOT NULL DEFAULT '[]',    -- JSON list
    body_hash     TEXT NOT NULL,                 -- sha256 of the normalised body
    problems      TEXT NOT NULL DEFAULT '[]',    -- JSON list
    story_id      INTEGER                        -- stories.id, set by syndication
);
CREATE INDEX articles_body_hash ON articles(body_hash);
CREATE INDEX articles_story ON articles(story_id);

CREATE TABLE chrome_links (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    list_name     TEXT NOT NULL,                 -- inline | related | popular | picks | latest
    position      INTEGER NOT NULL,
    headline      TEXT NOT NULL
);
CREATE INDEX chrome_links_article ON chrome_links(article_id);

CREATE TABLE entities (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,          -- type|country|name: one row per canonical entity
    name          TEXT NOT NULL,
    type          TEXT NOT NULL,                 -- PER | ORG | GPE | LOC
    country       TEXT                           -- ISO 3166-1 alpha-3 or NULL
);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE article_entities (
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    role          TEXT,
    mention_count INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX article_entities_entity ON article_entities(entity_id);

CREATE TABLE mentions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    entity_id     INTEGER NOT NULL REFERENCES entities(id),
    text          TEXT NOT NULL
);
CREATE INDEX mentions_article ON mentions(article_id);

CREATE TABLE events (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    type          TEXT NOT NULL,                 -- PLOVER type
    mode          TEXT,
    actors        TEXT NOT NULL DEFAULT '[]',    -- JSON lists of ISO3 / IGO:... / NGO:...
    recipients    TEXT NOT NULL DEFAULT '[]',
    mediators     TEXT NOT NULL DEFAULT '[]',
    date          TEXT,
    location      TEXT,
    source        TEXT,
    historical    INTEGER NOT NULL DEFAULT 0,    -- 0 | 1
    evidence      TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_article ON events(article_id);

CREATE TABLE event_parties (
    event_id      INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    role          TEXT NOT NULL,                 -- actor | recipient | mediator
    code          TEXT NOT NULL,
    PRIMARY KEY (event_id, role, code)
);

CREATE TABLE quantities (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    value         INTEGER NOT NULL,
    qualifier     TEXT NOT NULL,
    who           TEXT,
    country       TEXT,
    source        TEXT,
    historical    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX quantities_article ON quantities(article_id);

CREATE TABLE attributions (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    position      INTEGER NOT NULL,
    speaker       TEXT NOT NULL,
    cue           TEXT NOT NULL,
    direct        INTEGER NOT NULL,              -- 0 | 1
    paragraph     INTEGER NOT NULL
);
CREATE INDEX attributions_article ON attributions(article_id);

CREATE TABLE stories (
    id                INTEGER PRIMARY KEY,
    origin_article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
    first_published   TEXT,
    n_copies          INTEGER NOT NULL DEFAULT 1,
    n_outlets         INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE story_bands (
    band_key      TEXT NOT NULL,                 -- MinHash LSH band: "<band>:<hash>"
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
);
CREATE INDEX story_bands_article ON story_bands(article_id);

CREATE TABLE related (
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    related_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    score         REAL NOT NULL,
    PRIMARY KEY (article_id, related_id)
);

-- Full-text index: Snowball-Indonesian-stemmed title and body (warta.archive.stemming),
-- rowid = articles.id. Written by the archive on save; queries are stemmed the same way.
CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    DELETE FROM articles_fts WHERE rowid = old.id;
END;
