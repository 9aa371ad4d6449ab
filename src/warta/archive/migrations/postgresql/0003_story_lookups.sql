-- Version 3: indexes for syndication and related stories (warta.archive.stories).
-- "Newest articles naming this entity" is read for every saved article: with
-- (entity_id, article_id) it is an index range, not a sort of all the entity's articles.

CREATE INDEX article_entities_entity_article ON article_entities(entity_id, article_id);
