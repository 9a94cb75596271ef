-- Rejoinder program compiled to SQL (duckdb).
--
-- Each relation is a table with a view column: 0 the common ground, 1… the sources in
-- declaration order, -1 the joint view '-'; stored facts are in _facts_<name>
-- with the owner that stated them.
-- A column that can only hold integers is an integer column, one that can only hold symbols text.
-- Any other is an rj_value, (class, num, int, dec, txt, lo, hi): class 0 a number, 1 a symbol,
-- 2 a range, so that comparing the fields in order is the language's order. The prelude below
-- defines it and the rj_ functions (the engine's arithmetic, comparisons and aggregates: overflow
-- and division by zero are errors, integers stay integers), so the script runs as it is.
-- Each stratum below runs once per view (getvariable('view')); a source's view reads a
-- stratum it does not change from the common ground's rows instead of recomputing it.
-- By hand, for the common ground: SET VARIABLE view = 0; then .read SCRIPT in duckdb.

-- Prelude
CREATE TYPE rj_value AS STRUCT(class SMALLINT, num DOUBLE, int BIGINT, dec BOOLEAN, txt VARCHAR, lo BIGINT, hi BIGINT);
CREATE OR REPLACE MACRO rj_int(i) AS
CAST({'class': 0, 'num': CAST(i AS DOUBLE), 'int': CAST(i AS BIGINT), 'dec': false, 'txt': '', 'lo': 0, 'hi': 0} AS rj_value);
CREATE OR REPLACE MACRO rj_dec(x) AS
CAST({'class': 0, 'num': x, 'int': CASE WHEN x >= CAST('9223372036854775808' AS DOUBLE) THEN 9223372036854775807 WHEN x < -CAST('9223372036854775808' AS DOUBLE) THEN (-9223372036854775807 - 1) ELSE 0 END,
      'dec': true, 'txt': '', 'lo': 0, 'hi': 0} AS rj_value);
CREATE OR REPLACE MACRO rj_num(x) AS
CASE WHEN x = trunc(x) AND x >= -CAST('9223372036854775808' AS DOUBLE) AND x < CAST('9223372036854775808' AS DOUBLE) THEN rj_int(CAST(x AS BIGINT)) ELSE rj_dec(x) END;
CREATE OR REPLACE MACRO rj_sym(t) AS
CAST({'class': 1, 'num': 0, 'int': 0, 'dec': false, 'txt': t, 'lo': 0, 'hi': 0} AS rj_value);
CREATE OR REPLACE MACRO rj_span(lo, hi) AS
CAST({'class': 2, 'num': 0, 'int': 0, 'dec': false, 'txt': '', 'lo': lo, 'hi': hi} AS rj_value);
CREATE OR REPLACE MACRO rj_text(v) AS
CASE v.class WHEN 0 THEN CASE WHEN v.dec THEN 'd' || printf('%.17g', v.num) ELSE 'i' || CAST(v.int AS VARCHAR) END
  WHEN 1 THEN 's' || hex(v.txt) ELSE 'r' || CAST(v.lo AS VARCHAR) || ':' || CAST(v.hi AS VARCHAR) END;
CREATE OR REPLACE MACRO rj_fail(name, arguments) AS
error('rejoinder: ' || name || ' failed on ' || arguments);
CREATE OR REPLACE MACRO rj_add(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class <> 0 OR b.class <> 0 THEN rj_fail('rj_add', rj_text(a) || ' ' || rj_text(b))
WHEN NOT a.dec AND NOT b.dec THEN CASE WHEN CAST(a.int AS HUGEINT) + b.int BETWEEN (-9223372036854775807 - 1) AND 9223372036854775807 THEN rj_int(CAST(CAST(a.int AS HUGEINT) + b.int AS BIGINT)) ELSE rj_fail('rj_add', rj_text(a) || ' ' || rj_text(b)) END
WHEN NOT isfinite(a.num + b.num) THEN rj_fail('rj_add', rj_text(a) || ' ' || rj_text(b))
ELSE rj_num(a.num + b.num) END;
CREATE OR REPLACE MACRO rj_sub(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class <> 0 OR b.class <> 0 THEN rj_fail('rj_sub', rj_text(a) || ' ' || rj_text(b))
WHEN NOT a.dec AND NOT b.dec THEN CASE WHEN CAST(a.int AS HUGEINT) - b.int BETWEEN (-9223372036854775807 - 1) AND 9223372036854775807 THEN rj_int(CAST(CAST(a.int AS HUGEINT) - b.int AS BIGINT)) ELSE rj_fail('rj_sub', rj_text(a) || ' ' || rj_text(b)) END
WHEN NOT isfinite(a.num - b.num) THEN rj_fail('rj_sub', rj_text(a) || ' ' || rj_text(b))
ELSE rj_num(a.num - b.num) END;
CREATE OR REPLACE MACRO rj_mul(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class <> 0 OR b.class <> 0 THEN rj_fail('rj_mul', rj_text(a) || ' ' || rj_text(b))
WHEN NOT a.dec AND NOT b.dec THEN CASE WHEN CAST(a.int AS HUGEINT) * b.int BETWEEN (-9223372036854775807 - 1) AND 9223372036854775807 THEN rj_int(CAST(CAST(a.int AS HUGEINT) * b.int AS BIGINT)) ELSE rj_fail('rj_mul', rj_text(a) || ' ' || rj_text(b)) END
WHEN NOT isfinite(a.num * b.num) THEN rj_fail('rj_mul', rj_text(a) || ' ' || rj_text(b))
ELSE rj_num(a.num * b.num) END;
CREATE OR REPLACE MACRO rj_div(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class <> 0 OR b.class <> 0 OR b.num = 0 THEN rj_fail('rj_div', rj_text(a) || ' ' || rj_text(b))
WHEN NOT isfinite(a.num / b.num) THEN rj_fail('rj_div', rj_text(a) || ' ' || rj_text(b))
ELSE rj_num(a.num / b.num) END;
CREATE OR REPLACE MACRO rj_lt(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class = b.class THEN a < b ELSE rj_fail('rj_lt', rj_text(a) || ' ' || rj_text(b)) END;
CREATE OR REPLACE MACRO rj_le(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class = b.class THEN a <= b ELSE rj_fail('rj_le', rj_text(a) || ' ' || rj_text(b)) END;
CREATE OR REPLACE MACRO rj_gt(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class = b.class THEN a > b ELSE rj_fail('rj_gt', rj_text(a) || ' ' || rj_text(b)) END;
CREATE OR REPLACE MACRO rj_ge(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class = b.class THEN a >= b ELSE rj_fail('rj_ge', rj_text(a) || ' ' || rj_text(b)) END;
CREATE OR REPLACE MACRO rj_neg(a) AS
CASE WHEN a IS NULL THEN NULL
WHEN a.class = 0 AND a.dec THEN rj_num(-a.num)
WHEN a.class = 0 AND a.int <> (-9223372036854775807 - 1) THEN rj_int(-a.int) ELSE rj_fail('rj_neg', rj_text(a)) END;
CREATE OR REPLACE MACRO rj_range(a, b) AS
CASE WHEN a IS NULL OR b IS NULL THEN NULL
WHEN a.class = 0 AND NOT a.dec AND b.class = 0 AND NOT b.dec AND a.int <= b.int THEN rj_span(a.int, b.int) ELSE rj_fail('rj_range', rj_text(a) || ' ' || rj_text(b)) END;
CREATE OR REPLACE MACRO rj_in(e, c) AS
CASE WHEN e IS NULL OR c IS NULL THEN NULL
WHEN c.class = 2 THEN e.class = 0 AND NOT e.dec AND e.int BETWEEN c.lo AND c.hi
WHEN c.class = 0 THEN NOT c.dec AND e.class = 0 AND NOT e.dec AND e.int = c.int ELSE rj_fail('rj_in', rj_text(e) || ' ' || rj_text(c)) END;
CREATE OR REPLACE MACRO rj_first(c) AS
CASE WHEN c IS NULL THEN NULL
WHEN c.class = 2 THEN c.lo WHEN c.class = 0 AND NOT c.dec THEN c.int WHEN c.class = 0 THEN NULL ELSE rj_fail('rj_first', rj_text(c)) END;
CREATE OR REPLACE MACRO rj_last(c) AS
CASE WHEN c IS NULL THEN NULL
WHEN c.class = 2 THEN c.hi WHEN c.class = 0 AND NOT c.dec THEN c.int WHEN c.class = 0 THEN NULL ELSE rj_fail('rj_last', rj_text(c)) END;
CREATE OR REPLACE MACRO rj_abs(a) AS
CASE WHEN a IS NULL THEN NULL
WHEN a.class = 0 AND a.dec THEN rj_num(abs(a.num))
WHEN a.class = 0 AND a.int <> (-9223372036854775807 - 1) THEN rj_int(abs(a.int)) ELSE rj_fail('rj_abs', rj_text(a)) END;
CREATE OR REPLACE MACRO rj_round(a) AS
CASE WHEN a IS NULL THEN NULL
WHEN a.class = 0 AND NOT a.dec THEN a
WHEN a.class = 0 THEN rj_num(CASE WHEN abs(a.num - trunc(a.num)) >= 0.5 THEN trunc(a.num) + sign(a.num) ELSE trunc(a.num) END)
ELSE rj_fail('rj_round', rj_text(a)) END;
CREATE OR REPLACE MACRO rj_floor(a) AS
CASE WHEN a IS NULL THEN NULL
WHEN a.class = 0 AND NOT a.dec THEN a WHEN a.class = 0 THEN rj_num(floor(a.num)) ELSE rj_fail('rj_floor', rj_text(a)) END;
CREATE OR REPLACE MACRO rj_ceil(a) AS
CASE WHEN a IS NULL THEN NULL
WHEN a.class = 0 AND NOT a.dec THEN a WHEN a.class = 0 THEN rj_num(ceil(a.num)) ELSE rj_fail('rj_ceil', rj_text(a)) END;
CREATE OR REPLACE MACRO rj_log(a) AS
CASE WHEN a IS NULL THEN NULL
WHEN a.class = 0 AND a.num > 0 THEN rj_num(ln(a.num)) ELSE rj_fail('rj_log', rj_text(a)) END;
CREATE OR REPLACE MACRO rj_min(x) AS min(x),
  (a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a.class = 0 AND b.class = 0 THEN CASE WHEN a <= b THEN a ELSE b END ELSE rj_fail('rj_min', rj_text(a) || ' ' || rj_text(b)) END;
CREATE OR REPLACE MACRO rj_max(x) AS max(x),
  (a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a.class = 0 AND b.class = 0 THEN CASE WHEN a > b THEN a ELSE b END ELSE rj_fail('rj_max', rj_text(a) || ' ' || rj_text(b)) END;
CREATE OR REPLACE MACRO rj_sum(x) AS
list_reduce(list(x), lambda s, v: rj_add(s, v), rj_int(0));
CREATE OR REPLACE MACRO rj_mean(x) AS
CASE WHEN count(x) > 0 THEN rj_num(list_reduce(list(x), lambda s, v: rj_add(s, v), rj_int(0)).num / count(x)) END;

CREATE TABLE views (view BIGINT PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO views VALUES (0, 'the common ground'), (-1, 'the joint view');
CREATE TABLE "status" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 VARCHAR NOT NULL);
CREATE TABLE "labelling" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 VARCHAR NOT NULL);
CREATE TABLE "credulous" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 VARCHAR NOT NULL);
CREATE TABLE "skeptical" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 VARCHAR NOT NULL);
CREATE TABLE "is_a" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 rj_value NOT NULL);
CREATE TABLE "vocabulary" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 rj_value NOT NULL);
CREATE TABLE "_facts_edge" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE TABLE "edge" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE TABLE "_facts_name" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 VARCHAR NOT NULL);
CREATE TABLE "name" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 VARCHAR NOT NULL);
CREATE TABLE "_facts_next" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE TABLE "next" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE TABLE "_facts_even" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE TABLE "even" (view BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE TABLE "_delta_even" (view BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE TABLE "_new_even" (view BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE TABLE "_facts_weight" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL);
CREATE TABLE "weight" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL);
CREATE TABLE "path" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE TABLE "sink" (view BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE TABLE "reach_count" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE TABLE "named_path" (view BIGINT NOT NULL, c1 VARCHAR NOT NULL, c2 VARCHAR NOT NULL);
CREATE TABLE "odd" (view BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE TABLE "_delta_odd" (view BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE TABLE "_new_odd" (view BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE TABLE "_facts_during" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL);
CREATE TABLE "during" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL);
CREATE TABLE "doubled" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL);
CREATE TABLE "active" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);

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
  (0, 1, rj_int(2)),
  (0, 2, rj_dec(CAST('0.5' AS DOUBLE))),
  (0, 3, rj_sym('heavy'));
INSERT INTO "_facts_during" VALUES
  (0, 1, rj_span(2013, 2016));

-- Stratum 2: edge/2 (stored facts)
INSERT INTO "edge" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), f.c1, f.c2 FROM "_facts_edge" AS f WHERE f.owner = 0 OR f.owner = getvariable('view'))
EXCEPT SELECT view, c1, c2 FROM "edge";

-- Stratum 3: name/2 (stored facts)
INSERT INTO "name" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), f.c1, f.c2 FROM "_facts_name" AS f WHERE f.owner = 0 OR f.owner = getvariable('view'))
EXCEPT SELECT view, c1, c2 FROM "name";

-- Stratum 4: next/2 (stored facts)
INSERT INTO "next" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), f.c1, f.c2 FROM "_facts_next" AS f WHERE f.owner = 0 OR f.owner = getvariable('view'))
EXCEPT SELECT view, c1, c2 FROM "next";

-- Stratum 5: weight/2 (stored facts)
INSERT INTO "weight" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), f.c1, f.c2 FROM "_facts_weight" AS f WHERE f.owner = 0 OR f.owner = getvariable('view'))
EXCEPT SELECT view, c1, c2 FROM "weight";

-- Stratum 6: during/2 (stored facts)
INSERT INTO "during" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), f.c1, f.c2 FROM "_facts_during" AS f WHERE f.owner = 0 OR f.owner = getvariable('view'))
EXCEPT SELECT view, c1, c2 FROM "during";

-- Stratum 7: status/2 (a built-in)
-- status/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 8: labelling/2 (a built-in)
-- labelling/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 9: credulous/2 (a built-in)
-- credulous/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 10: skeptical/2 (a built-in)
-- skeptical/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 11: even/1, odd/1 (recursion: semi-naive rounds over delta tables)
INSERT INTO "even" (view, c1) SELECT * FROM (
SELECT DISTINCT getvariable('view'), f.c1 FROM "_facts_even" AS f WHERE f.owner = 0 OR f.owner = getvariable('view'))
EXCEPT SELECT view, c1 FROM "even";
-- First pass: every rule over everything known, into the _new_ tables.
-- program.rj:14: odd(Y) :- even(X), next(X, Y).
INSERT INTO "_new_odd" (view, c1) SELECT * FROM (
SELECT DISTINCT getvariable('view'), t2.c2
FROM "even" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = getvariable('view')
  AND t2.view = getvariable('view')
  AND t2.c1 = t1.c1)
EXCEPT SELECT view, c1 FROM "_new_odd";
-- program.rj:15: even(Y) :- odd(X), next(X, Y).
INSERT INTO "_new_even" (view, c1) SELECT * FROM (
SELECT DISTINCT getvariable('view'), t2.c2
FROM "odd" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = getvariable('view')
  AND t2.view = getvariable('view')
  AND t2.c1 = t1.c1)
EXCEPT SELECT view, c1 FROM "_new_even";
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
INSERT INTO "_new_odd" (view, c1) SELECT * FROM (
SELECT DISTINCT getvariable('view'), t2.c2
FROM "_delta_even" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = getvariable('view')
  AND t2.view = getvariable('view')
  AND t2.c1 = t1.c1)
EXCEPT SELECT view, c1 FROM "_new_odd";
-- program.rj:15: even(Y) :- odd(X), next(X, Y).  [delta at atom 1]
INSERT INTO "_new_even" (view, c1) SELECT * FROM (
SELECT DISTINCT getvariable('view'), t2.c2
FROM "_delta_odd" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = getvariable('view')
  AND t2.view = getvariable('view')
  AND t2.c1 = t1.c1)
EXCEPT SELECT view, c1 FROM "_new_even";
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
WHERE t1.view = getvariable('view')
UNION
SELECT t1.c1, t2.c2
FROM "_all_path" AS t1
  CROSS JOIN "edge" AS t2
WHERE t2.view = getvariable('view')
  AND t2.c1 = t1.c2)
INSERT INTO "path" (view, c1, c2)
SELECT getvariable('view'), c1, c2 FROM "_all_path";

-- Stratum 13: sink/1 (each rule once)
-- program.rj:8: sink(X) :- edge(_, X), not edge(X, _).
INSERT INTO "sink" (view, c1) SELECT * FROM (
SELECT DISTINCT getvariable('view'), t1.c2
FROM "edge" AS t1
WHERE t1.view = getvariable('view')
  AND NOT EXISTS (SELECT 1 FROM "edge" AS n2 WHERE n2.view = getvariable('view') AND n2.c1 = t1.c2))
EXCEPT SELECT view, c1 FROM "sink";

-- Stratum 14: reach_count/2 (each rule once)
-- program.rj:9: reach_count(X, N) :- edge(X, _), N = count : { path(X, Y) }.
WITH s2 AS (
SELECT DISTINCT t1.c1 AS v0, t1.c2 AS v1
FROM "edge" AS t1
WHERE t1.view = getvariable('view')),
a4 AS (
SELECT s2.v0 AS v0, s2.v1 AS v1, count(*) AS v4
FROM s2
  CROSS JOIN "path" AS t3
WHERE t3.view = getvariable('view')
  AND t3.c1 = s2.v0
GROUP BY s2.v0, s2.v1)
INSERT INTO "reach_count" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), s2.v0, COALESCE(a4.v4, 0)
FROM s2
  LEFT JOIN a4 ON s2.v0 = a4.v0 AND s2.v1 = a4.v1)
EXCEPT SELECT view, c1, c2 FROM "reach_count";

-- Stratum 15: named_path/2 (each rule once)
-- program.rj:11: named_path(A, B) :- path(X, Y), name(X, A), name(Y, B).
INSERT INTO "named_path" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), t2.c2, t3.c2
FROM "path" AS t1
  CROSS JOIN "name" AS t2
  CROSS JOIN "name" AS t3
WHERE t1.view = getvariable('view')
  AND t2.view = getvariable('view')
  AND t2.c1 = t1.c1
  AND t3.view = getvariable('view')
  AND t3.c1 = t1.c2)
EXCEPT SELECT view, c1, c2 FROM "named_path";

-- Stratum 16: doubled/2 (each rule once)
-- program.rj:17: doubled(X, W) :- weight(X, V), V != heavy, W = V * 2.
INSERT INTO "doubled" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), t1.c1, rj_mul(t1.c2, rj_int(2))
FROM "weight" AS t1
WHERE t1.view = getvariable('view')
  AND t1.c2 <> rj_sym('heavy'))
EXCEPT SELECT view, c1, c2 FROM "doubled";

-- Stratum 17: active/2 (each rule once)
-- program.rj:18: active(X, Y) :- during(X, D), Y in D.
WITH RECURSIVE s2 AS (
SELECT DISTINCT t1.c1 AS v0, t1.c2 AS v1
FROM "during" AS t1
WHERE t1.view = getvariable('view')),
s3(v0, v1, v2, upto) AS (
SELECT s2.v0, s2.v1, rj_first(s2.v1), rj_last(s2.v1) FROM s2 WHERE rj_first(s2.v1) IS NOT NULL
UNION ALL
SELECT v0, v1, v2 + 1, upto FROM s3 WHERE v2 < upto)
INSERT INTO "active" (view, c1, c2) SELECT * FROM (
SELECT DISTINCT getvariable('view'), s3.v0, s3.v2
FROM s3)
EXCEPT SELECT view, c1, c2 FROM "active";

-- Query: ?- N = count : { path(X, Y) }.
-- Run with getvariable('view') = each of: 0 (the common ground)
WITH s1 AS (
SELECT DISTINCT 1 AS one),
a3 AS (
SELECT count(*) AS v3
FROM s1
  CROSS JOIN "path" AS t2
WHERE t2.view = getvariable('view'))
SELECT DISTINCT COALESCE(a3.v3, 0)
FROM s1
  LEFT JOIN a3 ON TRUE;

-- Query: ?- named_path(A, B).
-- Run with getvariable('view') = each of: 0 (the common ground)
SELECT DISTINCT t1.c1, t1.c2
FROM "named_path" AS t1
WHERE t1.view = getvariable('view');

-- Query: ?- sink(X).
-- Run with getvariable('view') = each of: 0 (the common ground)
SELECT DISTINCT t1.c1
FROM "sink" AS t1
WHERE t1.view = getvariable('view');

-- Query: ?- reach_count(X, N).
-- Run with getvariable('view') = each of: 0 (the common ground)
SELECT DISTINCT t1.c1, t1.c2
FROM "reach_count" AS t1
WHERE t1.view = getvariable('view');

-- Query: ?- active(X, Y).
-- Run with getvariable('view') = each of: 0 (the common ground)
SELECT DISTINCT t1.c1, t1.c2
FROM "active" AS t1
WHERE t1.view = getvariable('view');
