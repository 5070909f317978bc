/* schema.c — the database schema as forward migrations, one SQL script per version, for
 * SQLite and for PostgreSQL (same tables, columns and indexes; only types differ).
 *
 * Version 1: the tables (date queries use the unique key, which leads with the date).
 * Version 2: the query indexes: dyad and source actor, target actor, CAMEO code.
 * Version 3: built for insert speed (docs/database.md, "Why the schema looks like this").
 *   A document's sentences and actor mentions move into two JSON columns of its row
 *   (sentences_json, actors_json); `sentences` and `actor_mentions` become views with the
 *   columns the tables had. The aggregate's indexes lead with the event date, so a news
 *   stream appends to them instead of touching pages all over the file: the dyad index gives
 *   way to the unique key (date, source, target, code) searched once per date listed in the
 *   new table event_dates; the target index becomes (date, target_code).
 * Version 4: also built for insert speed. A document's event mentions move into a third JSON
 *   column (mentions_json) and `event_mentions` becomes a view; an aggregate row lists the
 *   documents (doc_ids) and outlets (outlets) of its mentions, so an event's mentions are
 *   found from its row and NumSources needs no search. The target and code indexes give way
 *   to posting lists (event_postings): one row per target or code and write transaction
 *   holding the ids of the events it added, with their date range. The aggregate's key gains
 *   the Goldstein score (the code's score: only a database coded with two versions of the
 *   code table that disagree on a code's score holds two aggregates for one date, dyad and
 *   code), so the key's index alone answers a dyad's time series.
 * A new version is a new script appended here; never edit a released one. Each script runs
 * in the same transaction as the schema_version update, so a crash mid-migration leaves the
 * previous version intact. docs/database.md describes every column.
 *
 * The REFERENCES clauses document the links; SQLite does not enforce them (foreign_keys is
 * off) and the PostgreSQL schema leaves them out (a trigger per inserted row): the store
 * writes a document's rows in one transaction, and `dyad query --check` verifies the links. */
#include "store/store_impl.h"

const char *const dyad_schema_sqlite[DYAD_STORE_SCHEMA_VERSION] = {
    /* 1 */
    "CREATE TABLE schema_version (version INTEGER NOT NULL);\n"
    "INSERT INTO schema_version VALUES (0);\n"
    "CREATE TABLE documents (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  hash TEXT NOT NULL UNIQUE,\n"
    "  name TEXT, url TEXT, source TEXT, title TEXT, pub_date TEXT, language TEXT, author TEXT,\n"
    "  n_sentences INTEGER NOT NULL, n_mentions INTEGER NOT NULL, n_events INTEGER NOT NULL,\n"
    "  added TEXT NOT NULL);\n"
    "CREATE TABLE sentences (\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,\n"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,\n"
    "  PRIMARY KEY (doc_id, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE actor_mentions (\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,\n"
    "  sent INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,\n"
    "  code TEXT NOT NULL, country TEXT, name TEXT, text TEXT,\n"
    "  PRIMARY KEY (doc_id, idx)) WITHOUT ROWID;\n"
    "CREATE TABLE events (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  date TEXT NOT NULL, source_code TEXT NOT NULL, target_code TEXT NOT NULL,\n"
    "  cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL,\n"
    "  num_articles INTEGER NOT NULL, min_sent INTEGER NOT NULL,\n"
    "  source_name TEXT, source_country TEXT, target_name TEXT, target_country TEXT,\n"
    "  location_name TEXT, location_country TEXT, url TEXT,\n"
    "  rep_key TEXT NOT NULL, first_added TEXT NOT NULL,\n"
    "  UNIQUE (date, source_code, target_code, cameo));\n"
    "CREATE TABLE event_mentions (\n"
    "  event_id INTEGER NOT NULL REFERENCES events(id),\n"
    "  doc_id INTEGER NOT NULL REFERENCES documents(id), idx INTEGER NOT NULL,\n"
    "  outlet TEXT NOT NULL, sent INTEGER NOT NULL, date TEXT, date_precision TEXT,\n"
    "  source_code TEXT NOT NULL, source_country TEXT, source_name TEXT, source_text TEXT,\n"
    "  has_target INTEGER NOT NULL, target_code TEXT, target_country TEXT, target_name TEXT,\n"
    "  target_text TEXT, cameo TEXT NOT NULL, root TEXT NOT NULL, goldstein REAL NOT NULL,\n"
    "  quad INTEGER NOT NULL, plover TEXT, plover_mode TEXT, location_name TEXT,\n"
    "  location_country TEXT, verb TEXT, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,\n"
    "  PRIMARY KEY (doc_id, idx)) WITHOUT ROWID;\n"
    "CREATE INDEX event_mentions_event ON event_mentions (event_id, outlet);\n",
    /* 2 */
    "CREATE INDEX events_dyad ON events (source_code, target_code, date, goldstein);\n"
    "CREATE INDEX events_target ON events (target_code, date);\n"
    "CREATE INDEX events_cameo ON events (cameo, date);\n",
    /* 3 */
    "ALTER TABLE documents ADD COLUMN sentences_json TEXT NOT NULL DEFAULT '[]';\n"
    "ALTER TABLE documents ADD COLUMN actors_json TEXT NOT NULL DEFAULT '[]';\n"
    "UPDATE documents SET\n"
    "  sentences_json = (SELECT json_group_array(json(j)) FROM (SELECT json_array(span_start, span_end, text) AS j\n"
    "    FROM sentences s WHERE s.doc_id = documents.id ORDER BY idx)),\n"
    "  actors_json = (SELECT json_group_array(json(j)) FROM (SELECT json_array(sent, span_start, span_end, code,\n"
    "    country, name, text) AS j FROM actor_mentions a WHERE a.doc_id = documents.id ORDER BY idx));\n"
    "DROP TABLE sentences;\n"
    "DROP TABLE actor_mentions;\n"
    "CREATE VIEW sentences AS SELECT d.id AS doc_id, j.key AS idx, json_extract(j.value, '$[0]') AS span_start,\n"
    "  json_extract(j.value, '$[1]') AS span_end, json_extract(j.value, '$[2]') AS text\n"
    "  FROM documents d, json_each(d.sentences_json) j;\n"
    "CREATE VIEW actor_mentions AS SELECT d.id AS doc_id, j.key AS idx, json_extract(j.value, '$[0]') AS sent,\n"
    "  json_extract(j.value, '$[1]') AS span_start, json_extract(j.value, '$[2]') AS span_end,\n"
    "  json_extract(j.value, '$[3]') AS code, json_extract(j.value, '$[4]') AS country,\n"
    "  json_extract(j.value, '$[5]') AS name, json_extract(j.value, '$[6]') AS text\n"
    "  FROM documents d, json_each(d.actors_json) j;\n"
    "DROP INDEX events_dyad;\n"
    "DROP INDEX events_target;\n"
    "CREATE INDEX events_target ON events (date, target_code, source_code, goldstein);\n"
    "CREATE TABLE event_dates (date TEXT PRIMARY KEY) WITHOUT ROWID;\n"
    "INSERT INTO event_dates SELECT DISTINCT date FROM events;\n",
    /* 4 */
    "ALTER TABLE documents ADD COLUMN mentions_json TEXT NOT NULL DEFAULT '[]';\n"
    "UPDATE documents SET mentions_json = (SELECT json_group_array(json(j)) FROM (SELECT json_array(event_id, sent,\n"
    "  span_start, span_end, date, date_precision, source_code, source_country, source_name, source_text,\n"
    "  has_target, target_code, target_country, target_name, target_text, cameo, root, goldstein, quad, plover,\n"
    "  plover_mode, location_name, location_country, verb) AS j\n"
    "  FROM event_mentions m WHERE m.doc_id = documents.id ORDER BY idx));\n"
    "CREATE TABLE events_v4 (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  date TEXT NOT NULL, source_code TEXT NOT NULL, target_code TEXT NOT NULL,\n"
    "  cameo TEXT NOT NULL, root TEXT NOT NULL, quad INTEGER NOT NULL, goldstein REAL NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL,\n"
    "  num_articles INTEGER NOT NULL, min_sent INTEGER NOT NULL,\n"
    "  source_name TEXT, source_country TEXT, target_name TEXT, target_country TEXT,\n"
    "  location_name TEXT, location_country TEXT, url TEXT,\n"
    "  rep_key TEXT NOT NULL, first_added TEXT NOT NULL,\n"
    "  doc_ids TEXT NOT NULL DEFAULT '[]', outlets TEXT NOT NULL DEFAULT '[]');\n"
    "INSERT INTO events_v4 SELECT e.*,\n"
    "  (SELECT json_group_array(doc_id) FROM (SELECT DISTINCT doc_id FROM event_mentions m\n"
    "    WHERE m.event_id = e.id ORDER BY doc_id)),\n"
    "  (SELECT json_group_array(outlet) FROM (SELECT outlet FROM event_mentions m\n"
    "    WHERE m.event_id = e.id GROUP BY outlet ORDER BY min(doc_id), outlet))\n"
    "  FROM events e ORDER BY e.id;\n"
    "DROP TABLE events;\n"
    "ALTER TABLE events_v4 RENAME TO events;\n"
    "CREATE UNIQUE INDEX events_key ON events (date, source_code, target_code, cameo, goldstein);\n"
    "DROP TABLE event_mentions;\n"
    "CREATE VIEW event_mentions AS SELECT m.value ->> 0 AS event_id, d.id AS doc_id, m.key AS idx,\n"
    "  coalesce(d.source, '') AS outlet, m.value ->> 1 AS sent, m.value ->> 2 AS span_start,\n"
    "  m.value ->> 3 AS span_end, m.value ->> 4 AS date, m.value ->> 5 AS date_precision,\n"
    "  m.value ->> 6 AS source_code, m.value ->> 7 AS source_country, m.value ->> 8 AS source_name,\n"
    "  m.value ->> 9 AS source_text, m.value ->> 10 AS has_target, m.value ->> 11 AS target_code,\n"
    "  m.value ->> 12 AS target_country, m.value ->> 13 AS target_name, m.value ->> 14 AS target_text,\n"
    "  m.value ->> 15 AS cameo, m.value ->> 16 AS root, m.value ->> 17 AS goldstein, m.value ->> 18 AS quad,\n"
    "  m.value ->> 19 AS plover, m.value ->> 20 AS plover_mode, m.value ->> 21 AS location_name,\n"
    "  m.value ->> 22 AS location_country, m.value ->> 23 AS verb\n"
    "  FROM documents d, json_each(d.mentions_json) m;\n"
    "CREATE TABLE event_postings (kind TEXT NOT NULL, key TEXT NOT NULL, first_id INTEGER NOT NULL,\n"
    "  min_date TEXT NOT NULL, max_date TEXT NOT NULL, ids TEXT NOT NULL,\n"
    "  PRIMARY KEY (kind, key, first_id)) WITHOUT ROWID;\n"
    "INSERT INTO event_postings SELECT 'T', target_code, min(id), min(date), max(date), json_group_array(id)\n"
    "  FROM events GROUP BY target_code, substr(date, 1, 7);\n"
    "INSERT INTO event_postings SELECT 'C', cameo, min(id), min(date), max(date), json_group_array(id)\n"
    "  FROM events GROUP BY cameo, substr(date, 1, 7);\n",
};

const char *const dyad_schema_pg[DYAD_STORE_SCHEMA_VERSION] = {
    /* 1 */
    "CREATE TABLE schema_version (version INTEGER NOT NULL);\n"
    "INSERT INTO schema_version VALUES (0);\n"
    "CREATE TABLE documents (\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  hash TEXT COLLATE \"C\" NOT NULL UNIQUE,\n"
    "  name TEXT, url TEXT, source TEXT COLLATE \"C\", title TEXT, pub_date TEXT,\n"
    "  language TEXT, author TEXT,\n"
    "  n_sentences INTEGER NOT NULL, n_mentions INTEGER NOT NULL, n_events INTEGER NOT NULL,\n"
    "  added TEXT NOT NULL);\n"
    "CREATE TABLE sentences (\n"
    "  doc_id BIGINT NOT NULL, idx INTEGER NOT NULL,\n"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL, text TEXT NOT NULL,\n"
    "  PRIMARY KEY (doc_id, idx));\n"
    "CREATE TABLE actor_mentions (\n"
    "  doc_id BIGINT NOT NULL, idx INTEGER NOT NULL,\n"
    "  sent INTEGER NOT NULL, span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,\n"
    "  code TEXT COLLATE \"C\" NOT NULL, country TEXT COLLATE \"C\", name TEXT, text TEXT,\n"
    "  PRIMARY KEY (doc_id, idx));\n"
    "CREATE TABLE events (\n"
    "  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,\n"
    "  date TEXT COLLATE \"C\" NOT NULL, source_code TEXT COLLATE \"C\" NOT NULL,\n"
    "  target_code TEXT COLLATE \"C\" NOT NULL, cameo TEXT COLLATE \"C\" NOT NULL,\n"
    "  root TEXT COLLATE \"C\" NOT NULL, quad INTEGER NOT NULL,\n"
    "  goldstein DOUBLE PRECISION NOT NULL,\n"
    "  num_mentions INTEGER NOT NULL, num_sources INTEGER NOT NULL,\n"
    "  num_articles INTEGER NOT NULL, min_sent INTEGER NOT NULL,\n"
    "  source_name TEXT, source_country TEXT COLLATE \"C\", target_name TEXT,\n"
    "  target_country TEXT COLLATE \"C\", location_name TEXT, location_country TEXT, url TEXT,\n"
    "  rep_key TEXT COLLATE \"C\" NOT NULL, first_added TEXT NOT NULL,\n"
    "  UNIQUE (date, source_code, target_code, cameo));\n"
    "CREATE TABLE event_mentions (\n"
    "  event_id BIGINT NOT NULL,\n"
    "  doc_id BIGINT NOT NULL, idx INTEGER NOT NULL,\n"
    "  outlet TEXT COLLATE \"C\" NOT NULL, sent INTEGER NOT NULL, date TEXT COLLATE \"C\",\n"
    "  date_precision TEXT,\n"
    "  source_code TEXT COLLATE \"C\" NOT NULL, source_country TEXT, source_name TEXT,\n"
    "  source_text TEXT, has_target INTEGER NOT NULL, target_code TEXT COLLATE \"C\",\n"
    "  target_country TEXT, target_name TEXT, target_text TEXT,\n"
    "  cameo TEXT COLLATE \"C\" NOT NULL, root TEXT NOT NULL,\n"
    "  goldstein DOUBLE PRECISION NOT NULL, quad INTEGER NOT NULL, plover TEXT,\n"
    "  plover_mode TEXT, location_name TEXT, location_country TEXT, verb TEXT,\n"
    "  span_start INTEGER NOT NULL, span_end INTEGER NOT NULL,\n"
    "  PRIMARY KEY (doc_id, idx));\n"
    "CREATE INDEX event_mentions_event ON event_mentions (event_id, outlet);\n",
    /* 2 */
    "CREATE INDEX events_dyad ON events (source_code, target_code, date, goldstein);\n"
    "CREATE INDEX events_target ON events (target_code, date);\n"
    "CREATE INDEX events_cameo ON events (cameo, date);\n",    /* 3 */
    "ALTER TABLE documents ADD COLUMN sentences_json TEXT NOT NULL DEFAULT '[]',\n"
    "  ADD COLUMN actors_json TEXT NOT NULL DEFAULT '[]';\n"
    "UPDATE documents d SET\n"
    "  sentences_json = COALESCE((SELECT json_agg(json_build_array(span_start, span_end, text) ORDER BY idx)::text\n"
    "    FROM sentences s WHERE s.doc_id = d.id), '[]'),\n"
    "  actors_json = COALESCE((SELECT json_agg(json_build_array(sent, span_start, span_end, code, country, name,\n"
    "    text) ORDER BY idx)::text FROM actor_mentions a WHERE a.doc_id = d.id), '[]');\n"
    "DROP TABLE sentences, actor_mentions;\n"
    "CREATE VIEW sentences AS SELECT d.id AS doc_id, (j.ord - 1)::int AS idx, (j.v ->> 0)::int AS span_start,\n"
    "  (j.v ->> 1)::int AS span_end, j.v ->> 2 AS text\n"
    "  FROM documents d, json_array_elements(d.sentences_json::json) WITH ORDINALITY AS j(v, ord);\n"
    "CREATE VIEW actor_mentions AS SELECT d.id AS doc_id, (j.ord - 1)::int AS idx, (j.v ->> 0)::int AS sent,\n"
    "  (j.v ->> 1)::int AS span_start, (j.v ->> 2)::int AS span_end, j.v ->> 3 AS code, j.v ->> 4 AS country,\n"
    "  j.v ->> 5 AS name, j.v ->> 6 AS text\n"
    "  FROM documents d, json_array_elements(d.actors_json::json) WITH ORDINALITY AS j(v, ord);\n"
    "DROP INDEX events_dyad, events_target;\n"
    "CREATE INDEX events_target ON events (date, target_code, source_code, goldstein);\n"
    "CREATE TABLE event_dates (date TEXT COLLATE \"C\" PRIMARY KEY);\n"
    "INSERT INTO event_dates SELECT DISTINCT date FROM events;\n",
    /* 4 */
    "ALTER TABLE documents ADD COLUMN mentions_json TEXT NOT NULL DEFAULT '[]';\n"
    "UPDATE documents d SET mentions_json = COALESCE((SELECT json_agg(json_build_array(event_id, sent, span_start,\n"
    "  span_end, date, date_precision, source_code, source_country, source_name, source_text, has_target,\n"
    "  target_code, target_country, target_name, target_text, cameo, root, goldstein, quad, plover,\n"
    "  plover_mode, location_name, location_country, verb) ORDER BY idx)::text\n"
    "  FROM event_mentions m WHERE m.doc_id = d.id), '[]');\n"
    "ALTER TABLE events ADD COLUMN doc_ids TEXT NOT NULL DEFAULT '[]',\n"
    "  ADD COLUMN outlets TEXT NOT NULL DEFAULT '[]';\n"
    "UPDATE events e SET\n"
    "  doc_ids = COALESCE((SELECT json_agg(DISTINCT doc_id ORDER BY doc_id)::text FROM event_mentions m\n"
    "    WHERE m.event_id = e.id), '[]'),\n"
    "  outlets = COALESCE((SELECT json_agg(outlet ORDER BY first, outlet)::text FROM (SELECT outlet,\n"
    "    min(doc_id) AS first FROM event_mentions m WHERE m.event_id = e.id GROUP BY outlet) o), '[]');\n"
    "DROP TABLE event_mentions;\n"
    "CREATE VIEW event_mentions AS SELECT (m.v ->> 0)::bigint AS event_id, d.id AS doc_id,\n"
    "  (m.ord - 1)::int AS idx, COALESCE(d.source, '') AS outlet, (m.v ->> 1)::int AS sent,\n"
    "  (m.v ->> 2)::int AS span_start, (m.v ->> 3)::int AS span_end, m.v ->> 4 AS date,\n"
    "  m.v ->> 5 AS date_precision, m.v ->> 6 AS source_code, m.v ->> 7 AS source_country,\n"
    "  m.v ->> 8 AS source_name, m.v ->> 9 AS source_text, (m.v ->> 10)::int AS has_target,\n"
    "  m.v ->> 11 AS target_code, m.v ->> 12 AS target_country, m.v ->> 13 AS target_name,\n"
    "  m.v ->> 14 AS target_text, m.v ->> 15 AS cameo, m.v ->> 16 AS root,\n"
    "  (m.v ->> 17)::double precision AS goldstein, (m.v ->> 18)::int AS quad, m.v ->> 19 AS plover,\n"
    "  m.v ->> 20 AS plover_mode, m.v ->> 21 AS location_name, m.v ->> 22 AS location_country,\n"
    "  m.v ->> 23 AS verb\n"
    "  FROM documents d, json_array_elements(d.mentions_json::json) WITH ORDINALITY AS m(v, ord);\n"
    "DROP INDEX events_target, events_cameo;\n"
    "ALTER TABLE events DROP CONSTRAINT events_date_source_code_target_code_cameo_key,\n"
    "  ADD CONSTRAINT events_key UNIQUE (date, source_code, target_code, cameo, goldstein);\n"
    "CREATE TABLE event_postings (kind TEXT COLLATE \"C\" NOT NULL, key TEXT COLLATE \"C\" NOT NULL,\n"
    "  first_id BIGINT NOT NULL, min_date TEXT COLLATE \"C\" NOT NULL, max_date TEXT COLLATE \"C\" NOT NULL,\n"
    "  ids TEXT NOT NULL, PRIMARY KEY (kind, key, first_id));\n"
    "INSERT INTO event_postings SELECT 'T', target_code, min(id), min(date), max(date), json_agg(id ORDER BY id)::text\n"
    "  FROM events GROUP BY target_code, substr(date, 1, 7);\n"
    "INSERT INTO event_postings SELECT 'C', cameo, min(id), min(date), max(date), json_agg(id ORDER BY id)::text\n"
    "  FROM events GROUP BY cameo, substr(date, 1, 7);\n",
};
