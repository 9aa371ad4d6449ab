-- Version 6: less work per saved article, and a stamp that tells a writer what changed.
-- MinHash LSH keeps 21 bands instead of 42 (warta.archive.similarity): the rows of bands
-- 21-41 go; bands 0-20 are computed as before, so their rows stay valid.
-- The tables holding many rows per article (story_bands ~21, mentions, chrome links,
-- entity links, related links, events, quantities, attributions) refer to their article
-- without a foreign-key constraint: each inserted row fired a referential check, a third of
-- the server's time per saved article. A trigger on articles deletes those rows with their
-- article instead, as ON DELETE CASCADE did (band rows excepted: look-ups join articles, so
-- they match nothing, and re-extraction deletes those of the article it replaces). The
-- article_id index of story_bands goes too, and article_entities(entity_id), which
-- article_entities(entity_id, article_id) covers.
-- Article bodies and their tsvector are compressed with lz4 where the server has it (faster
-- than the default pglz); the raw page is gzipped already, so the server stops trying.
-- archive_state: one row; `token` names this archive, `deletions` grows with every
-- statement deleting articles (the same trigger). With the highest article id it is the
-- stamp a writing process compares before each transaction to know whether what it
-- remembers of the archive (memory.py) still holds: another process wrote or deleted
-- articles, or the schema was replaced.

DO $$
DECLARE
    found RECORD;
BEGIN
    FOR found IN SELECT conrelid::regclass AS child, conname FROM pg_constraint
                 WHERE contype = 'f'
                   AND confrelid IN ('articles'::regclass, 'entities'::regclass)
                   AND conrelid IN ('story_bands'::regclass, 'mentions'::regclass,
                                    'chrome_links'::regclass, 'article_entities'::regclass,
                                    'related'::regclass, 'events'::regclass,
                                    'quantities'::regclass, 'attributions'::regclass) LOOP
        EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', found.child, found.conname);
    END LOOP;
END $$;
DROP INDEX IF EXISTS story_bands_article;
DELETE FROM story_bands WHERE band_key >= (21::bigint << 48);
DROP INDEX IF EXISTS article_entities_entity;

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
CREATE FUNCTION delete_article_rows() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM chrome_links WHERE article_id IN (SELECT id FROM gone);
    DELETE FROM article_entities WHERE article_id IN (SELECT id FROM gone);
    DELETE FROM mentions WHERE article_id IN (SELECT id FROM gone);
    DELETE FROM events WHERE article_id IN (SELECT id FROM gone);  -- event_parties cascade
    DELETE FROM quantities WHERE article_id IN (SELECT id FROM gone);
    DELETE FROM attributions WHERE article_id IN (SELECT id FROM gone);
    DELETE FROM related WHERE article_id IN (SELECT id FROM gone)
                           OR related_id IN (SELECT id FROM gone);
    UPDATE archive_state SET deletions = deletions + 1 WHERE id = 1;
    RETURN NULL;
END $$;
CREATE TRIGGER articles_deleted AFTER DELETE ON articles REFERENCING OLD TABLE AS gone
    FOR EACH STATEMENT EXECUTE FUNCTION delete_article_rows();
