-- Rejoinder program compiled to SQL (sqlite).
--
-- Each relation is a table with a view column: 0 the common ground, 1… the sources in
-- declaration order, -1 the joint view '-'; stored facts are in _facts_<name>
-- with the owner that stated them.
-- A column that can only hold integers is an integer column, one that can only hold symbols text.
-- Any other holds a Rejoinder value as it is: an integer as INTEGER, a decimal as REAL,
-- a symbol as its TEXT, a range as a 16-byte BLOB (rj_range(a, b) builds one); SQLite orders
-- them numbers < text < blobs, as the language does. The rj_ functions are the engine's
-- arithmetic, comparisons and aggregates (overflow and division by zero are errors, integers
-- stay integers), defined by the host: this script runs through rejoinder run --engine sqlite.
-- Each stratum below runs once per view (:view); a source's view reads a
-- stratum it does not change from the common ground's rows instead of recomputing it.

CREATE TABLE views (view INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;
INSERT INTO views VALUES (0, 'the common ground'), (-1, 'the joint view');
CREATE TABLE "status" (view INTEGER NOT NULL, c1 ANY NOT NULL, c2 TEXT NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "labelling" (view INTEGER NOT NULL, c1 ANY NOT NULL, c2 TEXT NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "credulous" (view INTEGER NOT NULL, c1 ANY NOT NULL, c2 TEXT NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "skeptical" (view INTEGER NOT NULL, c1 ANY NOT NULL, c2 TEXT NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "is_a" (view INTEGER NOT NULL, c1 ANY NOT NULL, c2 ANY NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "vocabulary" (view INTEGER NOT NULL, c1 ANY NOT NULL, c2 ANY NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "_facts_edge" (owner INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL) STRICT;
CREATE TABLE "edge" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "_facts_name" (owner INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 TEXT NOT NULL) STRICT;
CREATE TABLE "name" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 TEXT NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "_facts_next" (owner INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL) STRICT;
CREATE TABLE "next" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "_facts_even" (owner INTEGER NOT NULL, c1 INTEGER NOT NULL) STRICT;
CREATE TABLE "even" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, UNIQUE (view, c1)) STRICT;
CREATE TABLE "_delta_even" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, UNIQUE (view, c1)) STRICT;
CREATE TABLE "_new_even" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, UNIQUE (view, c1)) STRICT;
CREATE TABLE "_facts_weight" (owner INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 ANY NOT NULL) STRICT;
CREATE TABLE "weight" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 ANY NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "path" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL) STRICT;
CREATE INDEX "path on c1" ON "path" (view, c1);
CREATE TABLE "sink" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, UNIQUE (view, c1)) STRICT;
CREATE TABLE "reach_count" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "named_path" (view INTEGER NOT NULL, c1 TEXT NOT NULL, c2 TEXT NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "odd" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, UNIQUE (view, c1)) STRICT;
CREATE TABLE "_delta_odd" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, UNIQUE (view, c1)) STRICT;
CREATE TABLE "_new_odd" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, UNIQUE (view, c1)) STRICT;
CREATE TABLE "_facts_during" (owner INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 ANY NOT NULL) STRICT;
CREATE TABLE "during" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 ANY NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "doubled" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 ANY NOT NULL, UNIQUE (view, c1, c2)) STRICT;
CREATE TABLE "active" (view INTEGER NOT NULL, c1 INTEGER NOT NULL, c2 INTEGER NOT NULL, UNIQUE (view, c1, c2)) STRICT;

INSERT INTO "_facts_edge" VALUES
  (0, 1, 2),
  (0, 2, 3),
  (0, 3, 1),
  (0, 3, 4);
INSERT INTO "_facts_name" VALUES
  (0, 1, 'one'),
  (0, 4, 'four');
INSERT INTO "_facts_next" VALUES
  (0, 0, 1),
  (0, 1, 2),
  (0, 2, 3),
  (0, 3, 4);
INSERT INTO "_facts_even" VALUES
  (0, 0);
INSERT INTO "_facts_weight" VALUES
  (0, 1, 2),
  (0, 2, 0.5),
  (0, 3, 'heavy');
INSERT INTO "_facts_during" VALUES
  (0, 1, rj_range(2013, 2016));

-- Stratum 2: edge/2 (stored facts)
INSERT OR IGNORE INTO "edge" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_edge" AS f WHERE f.owner = 0 OR f.owner = :view;

-- Stratum 3: name/2 (stored facts)
INSERT OR IGNORE INTO "name" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_name" AS f WHERE f.owner = 0 OR f.owner = :view;

-- Stratum 4: next/2 (stored facts)
INSERT OR IGNORE INTO "next" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_next" AS f WHERE f.owner = 0 OR f.owner = :view;

-- Stratum 5: weight/2 (stored facts)
INSERT OR IGNORE INTO "weight" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_weight" AS f WHERE f.owner = 0 OR f.owner = :view;

-- Stratum 6: during/2 (stored facts)
INSERT OR IGNORE INTO "during" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_during" AS f WHERE f.owner = 0 OR f.owner = :view;

-- Stratum 7: status/2 (a built-in)
-- status/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 8: labelling/2 (a built-in)
-- labelling/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 9: credulous/2 (a built-in)
-- credulous/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 10: skeptical/2 (a built-in)
-- skeptical/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 11: even/1, odd/1 (recursion: semi-naive rounds over delta tables)
INSERT OR IGNORE INTO "even" (view, c1)
SELECT DISTINCT :view, f.c1 FROM "_facts_even" AS f WHERE f.owner = 0 OR f.owner = :view;
-- First pass: every rule over everything known, into the _new_ tables.
-- program.rj:14: odd(Y) :- even(X), next(X, Y).
INSERT OR IGNORE INTO "_new_odd" (view, c1)
SELECT DISTINCT :view, t2.c2
FROM "even" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1;
-- program.rj:15: even(Y) :- odd(X), next(X, Y).
INSERT OR IGNORE INTO "_new_even" (view, c1)
SELECT DISTINCT :view, t2.c2
FROM "odd" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1;
DELETE FROM "_delta_even";
INSERT INTO "_delta_even"
SELECT * FROM "_new_even" AS n
WHERE NOT EXISTS (SELECT 1 FROM "even" AS o WHERE o.view = n.view AND o.c1 = n.c1);
INSERT INTO "even" SELECT * FROM "_delta_even";
DELETE FROM "_new_even";
DELETE FROM "_delta_odd";
INSERT INTO "_delta_odd"
SELECT * FROM "_new_odd" AS n
WHERE NOT EXISTS (SELECT 1 FROM "odd" AS o WHERE o.view = n.view AND o.c1 = n.c1);
INSERT INTO "odd" SELECT * FROM "_delta_odd";
DELETE FROM "_new_odd";
-- Then the host repeats until no INSERT INTO a stratum table above adds a row:
-- program.rj:14: odd(Y) :- even(X), next(X, Y).  [delta at atom 1]
INSERT OR IGNORE INTO "_new_odd" (view, c1)
SELECT DISTINCT :view, t2.c2
FROM "_delta_even" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1;
-- program.rj:15: even(Y) :- odd(X), next(X, Y).  [delta at atom 1]
INSERT OR IGNORE INTO "_new_even" (view, c1)
SELECT DISTINCT :view, t2.c2
FROM "_delta_odd" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1;
DELETE FROM "_delta_even";
INSERT INTO "_delta_even"
SELECT * FROM "_new_even" AS n
WHERE NOT EXISTS (SELECT 1 FROM "even" AS o WHERE o.view = n.view AND o.c1 = n.c1);
INSERT INTO "even" SELECT * FROM "_delta_even";
DELETE FROM "_new_even";
DELETE FROM "_delta_odd";
INSERT INTO "_delta_odd"
SELECT * FROM "_new_odd" AS n
WHERE NOT EXISTS (SELECT 1 FROM "odd" AS o WHERE o.view = n.view AND o.c1 = n.c1);
INSERT INTO "odd" SELECT * FROM "_delta_odd";
DELETE FROM "_new_odd";

-- Stratum 12: path/2 (linear recursion: one WITH RECURSIVE)
-- program.rj:6: path(X, Y) :- edge(X, Y).
-- program.rj:7: path(X, Z) :- path(X, Y), edge(Y, Z).
WITH RECURSIVE "_all_path"(c1, c2) AS (
SELECT t1.c1, t1.c2
FROM "edge" AS t1
WHERE t1.view = :view
UNION
SELECT t1.c1, t2.c2
FROM "_all_path" AS t1
  CROSS JOIN "edge" AS t2
WHERE t2.view = :view
  AND t2.c1 = t1.c2)
INSERT INTO "path" (view, c1, c2)
SELECT :view, c1, c2 FROM "_all_path";

-- Stratum 13: sink/1 (each rule once)
-- program.rj:8: sink(X) :- edge(_, X), not edge(X, _).
INSERT OR IGNORE INTO "sink" (view, c1)
SELECT DISTINCT :view, t1.c2
FROM "edge" AS t1
WHERE t1.view = :view
  AND NOT EXISTS (SELECT 1 FROM "edge" AS n2 WHERE n2.view = :view AND n2.c1 = t1.c2);

-- Stratum 14: reach_count/2 (each rule once)
-- program.rj:9: reach_count(X, N) :- edge(X, _), N = count : { path(X, Y) }.
WITH s2 AS (
SELECT DISTINCT t1.c1 AS v0, t1.c2 AS v1
FROM "edge" AS t1
WHERE t1.view = :view),
a4 AS (
SELECT s2.v0 AS v0, s2.v1 AS v1, count(*) AS v4
FROM s2
  CROSS JOIN "path" AS t3
WHERE t3.view = :view
  AND t3.c1 = s2.v0
GROUP BY s2.v0, s2.v1)
INSERT OR IGNORE INTO "reach_count" (view, c1, c2)
SELECT DISTINCT :view, s2.v0, COALESCE(a4.v4, 0)
FROM s2
  LEFT JOIN a4 ON s2.v0 = a4.v0 AND s2.v1 = a4.v1;

-- Stratum 15: named_path/2 (each rule once)
-- program.rj:11: named_path(A, B) :- path(X, Y), name(X, A), name(Y, B).
INSERT OR IGNORE INTO "named_path" (view, c1, c2)
SELECT DISTINCT :view, t2.c2, t3.c2
FROM "path" AS t1
  CROSS JOIN "name" AS t2
  CROSS JOIN "name" AS t3
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1
  AND t3.view = :view
  AND t3.c1 = t1.c2;

-- Stratum 16: doubled/2 (each rule once)
-- program.rj:17: doubled(X, W) :- weight(X, V), V != heavy, W = V * 2.
INSERT OR IGNORE INTO "doubled" (view, c1, c2)
SELECT DISTINCT :view, t1.c1, rj_mul(t1.c2, 2)
FROM "weight" AS t1
WHERE t1.view = :view
  AND t1.c2 <> 'heavy';

-- Stratum 17: active/2 (each rule once)
-- program.rj:18: active(X, Y) :- during(X, D), Y in D.
WITH RECURSIVE s2 AS (
SELECT DISTINCT t1.c1 AS v0, t1.c2 AS v1
FROM "during" AS t1
WHERE t1.view = :view),
s3(v0, v1, v2, upto) AS (
SELECT s2.v0, s2.v1, rj_first(s2.v1), rj_last(s2.v1) FROM s2 WHERE rj_first(s2.v1) IS NOT NULL
UNION ALL
SELECT v0, v1, v2 + 1, upto FROM s3 WHERE v2 < upto)
INSERT OR IGNORE INTO "active" (view, c1, c2)
SELECT DISTINCT :view, s3.v0, s3.v2
FROM s3;

-- Query: ?- N = count : { path(X, Y) }.
-- Run with :view = each of: 0 (the common ground)
WITH s1 AS (
SELECT DISTINCT 1 AS one),
a3 AS (
SELECT count(*) AS v3
FROM s1
  CROSS JOIN "path" AS t2
WHERE t2.view = :view)
SELECT DISTINCT COALESCE(a3.v3, 0)
FROM s1
  LEFT JOIN a3 ON TRUE;

-- Query: ?- named_path(A, B).
-- Run with :view = each of: 0 (the common ground)
SELECT DISTINCT t1.c1, t1.c2
FROM "named_path" AS t1
WHERE t1.view = :view;

-- Query: ?- sink(X).
-- Run with :view = each of: 0 (the common ground)
SELECT DISTINCT t1.c1
FROM "sink" AS t1
WHERE t1.view = :view;

-- Query: ?- reach_count(X, N).
-- Run with :view = each of: 0 (the common ground)
SELECT DISTINCT t1.c1, t1.c2
FROM "reach_count" AS t1
WHERE t1.view = :view;

-- Query: ?- active(X, Y).
-- Run with :view = each of: 0 (the common ground)
SELECT DISTINCT t1.c1, t1.c2
FROM "active" AS t1
WHERE t1.view = :view;
