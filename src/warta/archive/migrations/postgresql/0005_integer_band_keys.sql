-- Version 5: MinHash LSH band keys as integers, (band << 48) | the band's 48-bit hash — the
-- two parts of the "<band>:<hash>" text key of versions 3-4 (hash in hex), converted here.
-- A bigint key instead of text: each of an article's 42 band rows costs the server a binary
-- comparison instead of a collation-aware text one in the primary key, and less to copy in.

ALTER TABLE story_bands ALTER COLUMN band_key TYPE BIGINT USING
    (split_part(band_key, ':', 1)::bigint << 48)
    | ('x' || lpad(lower(split_part(band_key, ':', 2)), 16, '0'))::bit(64)::bigint;
