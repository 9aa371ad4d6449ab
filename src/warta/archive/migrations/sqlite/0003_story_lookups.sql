-- Version 3: storage and indexes for syndication and related stories (warta.archive.stories).
-- "Newest articles naming this entity" is read for every saved article: with
-- (entity_id, article_id) it is an index range, not a sort of all the entity's articles.
-- story_bands holds ~42 rows per article; WITHOUT ROWID stores each row once, in its
-- primary key, instead of a table plus an equal-sized key index (about 1 KB per article).
-- Versions 1-2 never wrote band rows (syndication was a stub), so nothing is lost.

CREATE INDEX article_entities_entity_article ON article_entities(entity_id, article_id);

DROP TABLE story_bands;
CREATE TABLE story_bands (
    band_key      TEXT NOT NULL,                 -- MinHash LSH band: "<band>:<hash>"
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
CREATE INDEX story_bands_article ON story_bands(article_id);
