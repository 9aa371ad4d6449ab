-- Version 5: MinHash LSH band keys as integers, (band << 48) | the band's 48-bit hash — the
-- two parts of the "<band>:<hash>" text key of versions 3-4 (hash in hex), converted here.
-- An 8-byte integer key instead of 15 characters of text: a smaller primary key, so each
-- saved article (42 band rows) dirties fewer index pages.

CREATE TABLE story_bands_v5 (
    band_key      INTEGER NOT NULL,              -- (band << 48) | 48-bit band hash
    article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    PRIMARY KEY (band_key, article_id)
) WITHOUT ROWID;
INSERT INTO story_bands_v5 (band_key, article_id)
SELECT (band << 48)
       | ((instr('0123456789abcdef', substr(h, 1, 1)) - 1) << 44)
       | ((instr('0123456789abcdef', substr(h, 2, 1)) - 1) << 40)
       | ((instr('0123456789abcdef', substr(h, 3, 1)) - 1) << 36)
       | ((instr('0123456789abcdef', substr(h, 4, 1)) - 1) << 32)
       | ((instr('0123456789abcdef', substr(h, 5, 1)) - 1) << 28)
       | ((instr('0123456789abcdef', substr(h, 6, 1)) - 1) << 24)
       | ((instr('0123456789abcdef', substr(h, 7, 1)) - 1) << 20)
       | ((instr('0123456789abcdef', substr(h, 8, 1)) - 1) << 16)
       | ((instr('0123456789abcdef', substr(h, 9, 1)) - 1) << 12)
       | ((instr('0123456789abcdef', substr(h, 10, 1)) - 1) << 8)
       | ((instr('0123456789abcdef', substr(h, 11, 1)) - 1) << 4)
       | (instr('0123456789abcdef', substr(h, 12, 1)) - 1),
       article_id
FROM (SELECT article_id, CAST(substr(band_key, 1, instr(band_key, ':') - 1) AS INTEGER) AS band,
             lower(substr(band_key, instr(band_key, ':') + 1)) AS h
      FROM story_bands);
DROP TABLE story_bands;
ALTER TABLE story_bands_v5 RENAME TO story_bands;
CREATE INDEX story_bands_article ON story_bands(article_id);
