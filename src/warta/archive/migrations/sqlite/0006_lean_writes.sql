-- Version 6: less work per saved article, and a stamp that tells a writer what changed.
-- story_bands loses its foreign key and its article_id index: each saved article adds ~42
-- band rows, and both cost a look-up or an index insert per row. Band look-ups join
-- articles, so a row left by a deleted article matches nothing; re-extraction removes the
-- rows of the article it replaces itself.
-- archive_state: one row; `token` names this archive, `deletions` counts deleted articles
-- (a trigger). With the highest article id it is the stamp a writing process compares
-- before each transaction to know whether what it remembers of the archive (stories.py)
-- still holds: another process wrote or deleted articles, or the file was replaced.

CREATE TABLE story_bands_v6 (
    band_key      INTEGER NOT NULL,              -- (band << 48) | 48-bit band hash
    article_id    INTEGER NOT NULL,              -- articles.id (no foreign key, see above)
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
INSERT INTO story_bands_v6 (band_key, article_id) SELECT band_key, article_id FROM story_bands;
DROP TABLE story_bands;
ALTER TABLE story_bands_v6 RENAME TO story_bands;

CREATE TABLE archive_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    token         TEXT NOT NULL,                 -- random, set once when this table is made
    deletions     INTEGER NOT NULL DEFAULT 0     -- grows with every deleted article
);
INSERT INTO archive_state (id, token, deletions) VALUES (1, lower(hex(randomblob(8))), 0);
CREATE TRIGGER articles_deleted AFTER DELETE ON articles
BEGIN
    UPDATE archive_state SET deletions = deletions + 1 WHERE id = 1;
END;
