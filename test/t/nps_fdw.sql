-- nps_fdw: summaries across postgres_fdw shards.  postgres_fdw never pushes
-- partial aggregates down, so the recipe is: aggregate per shard remotely,
-- ship the summaries (in their text form), roll them up locally.  Checks that
-- the remote aggregate is pushed down when the server lists cx_metrics, and
-- that the rolled-up result equals the aggregate over all rows.

CREATE EXTENSION postgres_fdw;
SELECT current_database() AS coordinator \gset

-- two shards, each holding some of the responses
CREATE DATABASE cx_shard1;
CREATE DATABASE cx_shard2;
\c cx_shard1
CREATE EXTENSION cx_metrics;
CREATE TABLE survey (id int, touchpoint text, score int);
INSERT INTO survey SELECT i, (ARRAY['web', 'store', 'support'])[1 + i % 3], (i * 7) % 11
FROM generate_series(1, 3000) i WHERE i % 2 = 0;
CREATE VIEW survey_nps AS
	SELECT touchpoint, nps_agg(score) AS s FROM survey GROUP BY touchpoint;
\c cx_shard2
CREATE EXTENSION cx_metrics;
CREATE TABLE survey (id int, touchpoint text, score int);
INSERT INTO survey SELECT i, (ARRAY['web', 'store', 'support'])[1 + i % 3], (i * 7) % 11
FROM generate_series(1, 3000) i WHERE i % 2 = 1;
CREATE VIEW survey_nps AS
	SELECT touchpoint, nps_agg(score) AS s FROM survey GROUP BY touchpoint;
\c :coordinator

-- the same rows locally, to compare with
CREATE TABLE survey_all AS
	SELECT i AS id, (ARRAY['web', 'store', 'support'])[1 + i % 3] AS touchpoint, (i * 7) % 11 AS score
	FROM generate_series(1, 3000) i;

-- servers reach this same cluster through its Unix socket
DO $$
BEGIN
	FOR i IN 1..2 LOOP
		EXECUTE format('CREATE SERVER shard%s FOREIGN DATA WRAPPER postgres_fdw
						OPTIONS (host %L, port %L, dbname %L, extensions %L)',
					   i, split_part(current_setting('unix_socket_directories'), ',', 1),
					   current_setting('port'), 'cx_shard' || i, 'cx_metrics');
		EXECUTE format('CREATE USER MAPPING FOR CURRENT_USER SERVER shard%s OPTIONS (user %L)',
					   i, current_user);
		EXECUTE format('CREATE SCHEMA shard%s', i);
		EXECUTE format('IMPORT FOREIGN SCHEMA public FROM SERVER shard%s INTO shard%s', i, i);
	END LOOP;
END $$;

-- 1. shard views of summaries, rolled up locally: exact
SELECT touchpoint, r.s = a.s AS exact, responses(r.s), round(nps(r.s)::numeric, 4) AS nps
FROM (SELECT touchpoint, rollup(s) AS s
	  FROM (SELECT * FROM shard1.survey_nps UNION ALL SELECT * FROM shard2.survey_nps) t
	  GROUP BY touchpoint) r
JOIN (SELECT touchpoint, nps_agg(score) AS s FROM survey_all GROUP BY touchpoint) a USING (touchpoint)
ORDER BY touchpoint;

-- 2. with cx_metrics listed on the server, nps_agg itself is pushed down
EXPLAIN (VERBOSE, COSTS OFF)
SELECT touchpoint, nps_agg(score) FROM shard1.survey GROUP BY touchpoint;

-- 3. a partitioned table of foreign shards: with partitionwise aggregation,
-- grouping by the partition key runs each shard's aggregate remotely
CREATE TABLE survey_sharded (id int, touchpoint text, score int) PARTITION BY HASH (id);
ALTER TABLE survey_sharded ATTACH PARTITION shard1.survey FOR VALUES WITH (MODULUS 2, REMAINDER 0);
ALTER TABLE survey_sharded ATTACH PARTITION shard2.survey FOR VALUES WITH (MODULUS 2, REMAINDER 1);
SET enable_partitionwise_aggregate = on;
EXPLAIN (COSTS OFF)
SELECT id, nps_agg(score) FROM survey_sharded GROUP BY id;
-- grouping by something else: rows come back, aggregated locally, still exact
SELECT bool_and(r.s = a.s) AS exact, count(*) AS touchpoints
FROM (SELECT touchpoint, nps_agg(score) AS s FROM survey_sharded GROUP BY touchpoint) r
JOIN (SELECT touchpoint, nps_agg(score) AS s FROM survey_all GROUP BY touchpoint) a USING (touchpoint);
RESET enable_partitionwise_aggregate;

SET client_min_messages = warning;
DROP TABLE survey_sharded, survey_all;
DROP SERVER shard1, shard2 CASCADE;
DROP SCHEMA shard1, shard2;
DROP EXTENSION postgres_fdw;
DROP DATABASE cx_shard1;
DROP DATABASE cx_shard2;
RESET client_min_messages;
