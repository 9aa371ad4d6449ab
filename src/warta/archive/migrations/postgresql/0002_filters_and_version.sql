-- Version 2: the warta version that extracted each page (to know what to re-extract),
-- and indexes for the search filters (date, outlet, country, event type, entity type).

ALTER TABLE pages ADD COLUMN warta_version TEXT;
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
CREATE INDEX event_parties_code ON event_parties(code, role);
CREATE INDEX events_type ON events(type);
CREATE INDEX entities_type_country ON entities(type, country);
