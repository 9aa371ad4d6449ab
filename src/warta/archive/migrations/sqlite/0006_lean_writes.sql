-- Version 6: less work per saved article, and a stamp that tells a writer what changed.
-- MinHash LSH keeps 21 bands instead of 42 (warta.archive.similarity): the rows of bands
-- 21-41 go; bands 0-20 are computed as before, so their rows stay valid.
-- story_bands loses its foreign key and its article_id index: each saved article adds ~21
-- band rows, and both cost a look-up or an index insert per row. Band look-ups join
-- articles, so a row left by a deleted article matches nothing; re-extraction removes the
-- rows of the article it replaces itself. The index on article_entities(entity_id) goes
-- too: article_entities(entity_id, article_id) covers it. (The other tables keep their
-- foreign keys here: SQLite checks them in-process, at no measurable cost; PostgreSQL's
-- version 6 drops them.)
-- archive_state: one row; `token` names this archive, `deletions` counts deleted articles
-- (a trigger). With the highest article id it is the stamp a writing process compares
-- before each transaction to know whether what it remembers of the archive (stories.py)
-- still holds: another process wrote or deleted articles, or the file was replaced.
-- `last_article_id` and `last_story_id` keep ids from being handed out twice: SQLite
-- would give a deleted row's id (the highest plus one) to the next row, and a band row or
-- a remembered merge of the deleted one would then name the new one. (PostgreSQL's
-- identity sequences never hand out an id twice.)

CREATE TABLE story_bands_v6 (
    band_key      INTEGER NOT NULL,              -- (band << 48) | 48-bit band hash
    article_id    INTEGER NOT NULL,              -- articles.id (no foreign key, see above)
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
INSERT INTO story_bands_v6 (band_key, article_id)
SELECT band_key, article_id FROM story_bands WHERE band_key < (21 << 48);
DROP TABLE story_bands;
ALTER TABLE story_bands_v6 RENAME TO story_bands;
DROP INDEX IF EXISTS article_entities_entity;

CREATE TABLE archive_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    token         TEXT NOT NULL,                 -- random, set once when this table is made
    deletions     INTEGER NOT NULL DEFAULT 0,    -- grows with every deleted article
    last_article_id INTEGER NOT NULL DEFAULT 0,  -- highest article id ever handed out
    last_story_id INTEGER NOT NULL DEFAULT 0     -- highest story id ever handed out
);
INSERT INTO archive_state (id, token, deletions, last_article_id, last_story_id)
VALUES (1, lower(hex(randomblob(8))), 0, (SELECT coalesce(max(id), 0) FROM articles),
        (SELECT coalesce(max(id), 0) FROM stories));
CREATE TRIGGER articles_deleted AFTER DELETE ON articles
BEGIN
    UPDATE archive_state SET deletions = deletions + 1 WHERE id = 1;
END;
