-- Version 6: less work per saved article, and a stamp that tells a writer what changed.
-- story_bands loses its foreign key and its article_id index: each saved article adds ~42
-- band rows, and both cost a look-up or an index insert per row (together two thirds of
-- the server's time for band rows). Band look-ups join articles, so a row left by a deleted
-- article matches nothing; re-extraction removes the rows of the article it replaces itself.
-- Article bodies and their tsvector are compressed with lz4 where the server has it (faster
-- than the default pglz); the raw page is gzipped already, so the server stops trying.
-- archive_state: one row; `token` names this archive, `deletions` counts deleted articles
-- (a trigger). With the highest article id it is the stamp a writing process compares
-- before each transaction to know whether what it remembers of the archive (stories.py)
-- still holds: another process wrote or deleted articles, or the schema was replaced.

DO $$
DECLARE
    fk TEXT;
BEGIN
    FOR fk IN SELECT conname FROM pg_constraint
              WHERE conrelid = 'story_bands'::regclass AND contype = 'f' LOOP
        EXECUTE format('ALTER TABLE story_bands DROP CONSTRAINT %I', fk);
    END LOOP;
END $$;
DROP INDEX IF EXISTS story_bands_article;

DO $$
BEGIN
    ALTER TABLE articles ALTER COLUMN body SET COMPRESSION lz4;
    ALTER TABLE articles ALTER COLUMN search SET COMPRESSION lz4;
EXCEPTION WHEN OTHERS THEN
    NULL;  -- a server built without lz4 keeps pglz
END $$;
ALTER TABLE pages ALTER COLUMN raw SET STORAGE EXTERNAL;

CREATE TABLE archive_state (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    token         TEXT NOT NULL,                 -- random, set once when this table is made
    deletions     BIGINT NOT NULL DEFAULT 0      -- grows with every statement deleting articles
);
INSERT INTO archive_state (id, token, deletions) VALUES (1, md5(random()::text), 0);
CREATE FUNCTION count_article_deletions() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    UPDATE archive_state SET deletions = deletions + 1 WHERE id = 1;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION count_article_deletions();
