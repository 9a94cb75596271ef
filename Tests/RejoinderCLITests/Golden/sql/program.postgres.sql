-- Rejoinder program compiled to SQL (postgres).
--
-- Each relation is a table with a view column: 0 the common ground, 1… the sources in
-- declaration order, -1 the joint view '-'; stored facts are in _facts_<name>
-- with the owner that stated them.
-- A column that can only hold integers is an integer column, one that can only hold symbols text.
-- Any other is an rj_value, (class, num, int, dec, txt, lo, hi): class 0 a number, 1 a symbol,
-- 2 a range, so that comparing the fields in order is the language's order. The prelude below
-- defines it and the rj_ functions (the engine's arithmetic, comparisons and aggregates: overflow
-- and division by zero are errors, integers stay integers), so the script runs as it is.
-- Each stratum below runs once per view (:view); a source's view reads a
-- stratum it does not change from the common ground's rows instead of recomputing it.
-- By hand, for the common ground: psql -v view=0 -f SCRIPT (in a schema of its own).

-- Prelude
CREATE TYPE rj_value AS (class smallint, num float8, int bigint, dec boolean, txt text COLLATE "C", lo bigint, hi bigint);
CREATE FUNCTION rj_int(i bigint) RETURNS rj_value LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT ROW(0, CAST(i AS float8), i, false, '', 0, 0)::rj_value
$$;
CREATE FUNCTION rj_dec(x float8) RETURNS rj_value LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT ROW(0, x, CASE WHEN x >= CAST('9223372036854775808' AS float8) THEN 9223372036854775807 WHEN x < -CAST('9223372036854775808' AS float8) THEN (-9223372036854775807 - 1) ELSE 0 END, true, '', 0, 0)::rj_value
$$;
CREATE FUNCTION rj_num(x float8) RETURNS rj_value LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE WHEN x = trunc(x) AND x >= -CAST('9223372036854775808' AS float8) AND x < CAST('9223372036854775808' AS float8) THEN rj_int(CAST(x AS bigint)) ELSE rj_dec(x) END
$$;
CREATE FUNCTION rj_sym(t text) RETURNS rj_value LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT ROW(1, 0, 0, false, t, 0, 0)::rj_value
$$;
CREATE FUNCTION rj_span(lo bigint, hi bigint) RETURNS rj_value LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT ROW(2, 0, 0, false, '', lo, hi)::rj_value
$$;
CREATE FUNCTION rj_text(v rj_value) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
SELECT CASE v.class WHEN 0 THEN CASE WHEN v.dec THEN 'd' || CAST(v.num AS text) ELSE 'i' || CAST(v.int AS text) END
  WHEN 1 THEN 's' || encode(convert_to(v.txt, 'UTF8'), 'hex') ELSE 'r' || v.lo || ':' || v.hi END
$$;
CREATE FUNCTION rj_fail(name text, arguments rj_value[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rejoinder: % failed on %', name, (SELECT string_agg(rj_text(a), ' ') FROM unnest(arguments) AS a);
END $$;
CREATE FUNCTION rj_add(a rj_value, b rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
DECLARE x float8;
BEGIN
IF a.class = 0 AND b.class = 0 THEN
  IF NOT a.dec AND NOT b.dec THEN
  IF CAST(a.int AS numeric) + b.int BETWEEN (-9223372036854775807 - 1) AND 9223372036854775807 THEN RETURN rj_int(a.int + b.int); END IF;
ELSE
  BEGIN
    x := a.num + b.num;
    RETURN rj_num(x);
  EXCEPTION WHEN numeric_value_out_of_range THEN
    IF SQLERRM LIKE '%underflow%' THEN RETURN rj_int(0); END IF;
  END;
  END IF;
END IF;
PERFORM rj_fail('rj_add', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_sub(a rj_value, b rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
DECLARE x float8;
BEGIN
IF a.class = 0 AND b.class = 0 THEN
  IF NOT a.dec AND NOT b.dec THEN
  IF CAST(a.int AS numeric) - b.int BETWEEN (-9223372036854775807 - 1) AND 9223372036854775807 THEN RETURN rj_int(a.int - b.int); END IF;
ELSE
  BEGIN
    x := a.num - b.num;
    RETURN rj_num(x);
  EXCEPTION WHEN numeric_value_out_of_range THEN
    IF SQLERRM LIKE '%underflow%' THEN RETURN rj_int(0); END IF;
  END;
  END IF;
END IF;
PERFORM rj_fail('rj_sub', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_mul(a rj_value, b rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
DECLARE x float8;
BEGIN
IF a.class = 0 AND b.class = 0 THEN
  IF NOT a.dec AND NOT b.dec THEN
  IF CAST(a.int AS numeric) * b.int BETWEEN (-9223372036854775807 - 1) AND 9223372036854775807 THEN RETURN rj_int(a.int * b.int); END IF;
ELSE
  BEGIN
    x := a.num * b.num;
    RETURN rj_num(x);
  EXCEPTION WHEN numeric_value_out_of_range THEN
    IF SQLERRM LIKE '%underflow%' THEN RETURN rj_int(0); END IF;
  END;
  END IF;
END IF;
PERFORM rj_fail('rj_mul', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_div(a rj_value, b rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
DECLARE x float8;
BEGIN
IF a.class = 0 AND b.class = 0 AND b.num <> 0 THEN
  
  BEGIN
    x := a.num / b.num;
    RETURN rj_num(x);
  EXCEPTION WHEN numeric_value_out_of_range THEN
    IF SQLERRM LIKE '%underflow%' THEN RETURN rj_int(0); END IF;
  END;
  
END IF;
PERFORM rj_fail('rj_div', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_lt(a rj_value, b rj_value) RETURNS boolean LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = b.class THEN RETURN a < b; END IF;
PERFORM rj_fail('rj_lt', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_le(a rj_value, b rj_value) RETURNS boolean LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = b.class THEN RETURN a <= b; END IF;
PERFORM rj_fail('rj_le', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_gt(a rj_value, b rj_value) RETURNS boolean LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = b.class THEN RETURN a > b; END IF;
PERFORM rj_fail('rj_gt', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_ge(a rj_value, b rj_value) RETURNS boolean LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = b.class THEN RETURN a >= b; END IF;
PERFORM rj_fail('rj_ge', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_neg(a rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 AND a.dec THEN RETURN rj_num(-a.num); END IF;
IF a.class = 0 AND a.int <> (-9223372036854775807 - 1) THEN RETURN rj_int(-a.int); END IF;
PERFORM rj_fail('rj_neg', ARRAY[a]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_range(a rj_value, b rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 AND NOT a.dec AND b.class = 0 AND NOT b.dec AND a.int <= b.int THEN RETURN rj_span(a.int, b.int); END IF;
PERFORM rj_fail('rj_range', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_in(e rj_value, c rj_value) RETURNS boolean LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF c.class = 2 THEN RETURN e.class = 0 AND NOT e.dec AND e.int BETWEEN c.lo AND c.hi; END IF;
IF c.class = 0 THEN RETURN NOT c.dec AND e.class = 0 AND NOT e.dec AND e.int = c.int; END IF;
PERFORM rj_fail('rj_in', ARRAY[e, c]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_first(c rj_value) RETURNS bigint LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF c.class = 2 THEN RETURN c.lo; END IF;
IF c.class = 0 THEN RETURN CASE WHEN c.dec THEN NULL ELSE c.int END; END IF;
PERFORM rj_fail('rj_first', ARRAY[c]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_last(c rj_value) RETURNS bigint LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF c.class = 2 THEN RETURN c.hi; END IF;
IF c.class = 0 THEN RETURN CASE WHEN c.dec THEN NULL ELSE c.int END; END IF;
PERFORM rj_fail('rj_last', ARRAY[c]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_abs(a rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 AND a.dec THEN RETURN rj_num(abs(a.num)); END IF;
IF a.class = 0 AND a.int <> (-9223372036854775807 - 1) THEN RETURN rj_int(abs(a.int)); END IF;
PERFORM rj_fail('rj_abs', ARRAY[a]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_round(a rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 AND NOT a.dec THEN RETURN a; END IF;
IF a.class = 0 THEN
  RETURN rj_num(CASE WHEN abs(a.num - trunc(a.num)) >= 0.5 THEN trunc(a.num) + sign(a.num) ELSE trunc(a.num) END);
END IF;
PERFORM rj_fail('rj_round', ARRAY[a]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_floor(a rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 THEN RETURN CASE WHEN a.dec THEN rj_num(floor(a.num)) ELSE a END; END IF;
PERFORM rj_fail('rj_floor', ARRAY[a]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_ceil(a rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 THEN RETURN CASE WHEN a.dec THEN rj_num(ceil(a.num)) ELSE a END; END IF;
PERFORM rj_fail('rj_ceil', ARRAY[a]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_log(a rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 AND a.num > 0 THEN RETURN rj_num(ln(a.num)); END IF;
PERFORM rj_fail('rj_log', ARRAY[a]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_min(a rj_value, b rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 AND b.class = 0 THEN RETURN CASE WHEN a <= b THEN a ELSE b END; END IF;
PERFORM rj_fail('rj_min', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE FUNCTION rj_max(a rj_value, b rj_value) RETURNS rj_value LANGUAGE plpgsql VOLATILE STRICT PARALLEL SAFE AS $$
BEGIN
IF a.class = 0 AND b.class = 0 THEN RETURN CASE WHEN a > b THEN a ELSE b END; END IF;
PERFORM rj_fail('rj_max', ARRAY[a, b]);
RETURN NULL;
END $$;
CREATE AGGREGATE rj_sum(rj_value) (SFUNC = rj_add, STYPE = rj_value, INITCOND = '(0,0,0,f,"",0,0)');
CREATE FUNCTION rj_least(a rj_value, b rj_value) RETURNS rj_value LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT CASE WHEN b < a THEN b ELSE a END
$$;
CREATE FUNCTION rj_greatest(a rj_value, b rj_value) RETURNS rj_value LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT CASE WHEN b > a THEN b ELSE a END
$$;
CREATE AGGREGATE rj_min(rj_value) (SFUNC = rj_least, STYPE = rj_value);
CREATE AGGREGATE rj_max(rj_value) (SFUNC = rj_greatest, STYPE = rj_value);
CREATE TYPE rj_mean_state AS (total rj_value, n bigint);
CREATE FUNCTION rj_mean_step(s rj_mean_state, v rj_value) RETURNS rj_mean_state LANGUAGE plpgsql VOLATILE PARALLEL SAFE AS $$
BEGIN
RETURN ROW(rj_add(CASE WHEN s IS NULL THEN rj_int(0) ELSE s.total END, v), CASE WHEN s IS NULL THEN 1 ELSE s.n + 1 END);
RETURN NULL;
END $$;
CREATE FUNCTION rj_mean_final(s rj_mean_state) RETURNS rj_value LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
SELECT rj_num((s.total).num / s.n)
$$;
CREATE AGGREGATE rj_mean(rj_value) (SFUNC = rj_mean_step, STYPE = rj_mean_state, FINALFUNC = rj_mean_final);

CREATE TABLE views (view BIGINT PRIMARY KEY, name TEXT NOT NULL);
INSERT INTO views VALUES (0, 'the common ground'), (-1, 'the joint view');
CREATE UNLOGGED TABLE "status" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 TEXT COLLATE "C" NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "labelling" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 TEXT COLLATE "C" NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "credulous" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 TEXT COLLATE "C" NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "skeptical" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 TEXT COLLATE "C" NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "is_a" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 rj_value NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "vocabulary" (view BIGINT NOT NULL, c1 rj_value NOT NULL, c2 rj_value NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "_facts_edge" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE UNLOGGED TABLE "edge" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "_facts_name" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 TEXT COLLATE "C" NOT NULL);
CREATE UNLOGGED TABLE "name" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 TEXT COLLATE "C" NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "_facts_next" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE UNLOGGED TABLE "next" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "_facts_even" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL);
CREATE UNLOGGED TABLE "even" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, UNIQUE (view, c1));
CREATE UNLOGGED TABLE "_delta_even" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, UNIQUE (view, c1));
CREATE UNLOGGED TABLE "_new_even" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, UNIQUE (view, c1));
CREATE UNLOGGED TABLE "_facts_weight" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL);
CREATE UNLOGGED TABLE "weight" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "path" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL);
CREATE INDEX "path on c1" ON "path" (view, c1);
CREATE UNLOGGED TABLE "sink" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, UNIQUE (view, c1));
CREATE UNLOGGED TABLE "reach_count" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "named_path" (view BIGINT NOT NULL, c1 TEXT COLLATE "C" NOT NULL, c2 TEXT COLLATE "C" NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "odd" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, UNIQUE (view, c1));
CREATE UNLOGGED TABLE "_delta_odd" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, UNIQUE (view, c1));
CREATE UNLOGGED TABLE "_new_odd" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, UNIQUE (view, c1));
CREATE UNLOGGED TABLE "_facts_during" (owner BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL);
CREATE UNLOGGED TABLE "during" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "doubled" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 rj_value NOT NULL, UNIQUE (view, c1, c2));
CREATE UNLOGGED TABLE "active" (view BIGINT NOT NULL, c1 BIGINT NOT NULL, c2 BIGINT NOT NULL, UNIQUE (view, c1, c2));

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
  (0, 2, rj_dec(CAST('0.5' AS float8))),
  (0, 3, rj_sym('heavy'));
INSERT INTO "_facts_during" VALUES
  (0, 1, rj_span(2013, 2016));

-- Stratum 2: edge/2 (stored facts)
INSERT INTO "edge" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_edge" AS f WHERE f.owner = 0 OR f.owner = :view
ON CONFLICT DO NOTHING;

-- Stratum 3: name/2 (stored facts)
INSERT INTO "name" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_name" AS f WHERE f.owner = 0 OR f.owner = :view
ON CONFLICT DO NOTHING;

-- Stratum 4: next/2 (stored facts)
INSERT INTO "next" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_next" AS f WHERE f.owner = 0 OR f.owner = :view
ON CONFLICT DO NOTHING;

-- Stratum 5: weight/2 (stored facts)
INSERT INTO "weight" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_weight" AS f WHERE f.owner = 0 OR f.owner = :view
ON CONFLICT DO NOTHING;

-- Stratum 6: during/2 (stored facts)
INSERT INTO "during" (view, c1, c2)
SELECT DISTINCT :view, f.c1, f.c2 FROM "_facts_during" AS f WHERE f.owner = 0 OR f.owner = :view
ON CONFLICT DO NOTHING;

-- Stratum 7: status/2 (a built-in)
-- status/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 8: labelling/2 (a built-in)
-- labelling/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 9: credulous/2 (a built-in)
-- credulous/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 10: skeptical/2 (a built-in)
-- skeptical/2: computed by the host from is_a and rebuts in the view, inserted as rows.

-- Stratum 11: even/1, odd/1 (recursion: semi-naive rounds over delta tables)
INSERT INTO "even" (view, c1)
SELECT DISTINCT :view, f.c1 FROM "_facts_even" AS f WHERE f.owner = 0 OR f.owner = :view
ON CONFLICT DO NOTHING;
-- First pass: every rule over everything known, into the _new_ tables.
-- program.rj:14: odd(Y) :- even(X), next(X, Y).
INSERT INTO "_new_odd" (view, c1)
SELECT DISTINCT :view, t2.c2
FROM "even" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1
ON CONFLICT DO NOTHING;
-- program.rj:15: even(Y) :- odd(X), next(X, Y).
INSERT INTO "_new_even" (view, c1)
SELECT DISTINCT :view, t2.c2
FROM "odd" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1
ON CONFLICT DO NOTHING;
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
INSERT INTO "_new_odd" (view, c1)
SELECT DISTINCT :view, t2.c2
FROM "_delta_even" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1
ON CONFLICT DO NOTHING;
-- program.rj:15: even(Y) :- odd(X), next(X, Y).  [delta at atom 1]
INSERT INTO "_new_even" (view, c1)
SELECT DISTINCT :view, t2.c2
FROM "_delta_odd" AS t1
  CROSS JOIN "next" AS t2
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1
ON CONFLICT DO NOTHING;
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
INSERT INTO "sink" (view, c1)
SELECT DISTINCT :view, t1.c2
FROM "edge" AS t1
WHERE t1.view = :view
  AND NOT EXISTS (SELECT 1 FROM "edge" AS n2 WHERE n2.view = :view AND n2.c1 = t1.c2)
ON CONFLICT DO NOTHING;

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
INSERT INTO "reach_count" (view, c1, c2)
SELECT DISTINCT :view, s2.v0, COALESCE(a4.v4, 0)
FROM s2
  LEFT JOIN a4 ON s2.v0 = a4.v0 AND s2.v1 = a4.v1
ON CONFLICT DO NOTHING;

-- Stratum 15: named_path/2 (each rule once)
-- program.rj:11: named_path(A, B) :- path(X, Y), name(X, A), name(Y, B).
INSERT INTO "named_path" (view, c1, c2)
SELECT DISTINCT :view, t2.c2, t3.c2
FROM "path" AS t1
  CROSS JOIN "name" AS t2
  CROSS JOIN "name" AS t3
WHERE t1.view = :view
  AND t2.view = :view
  AND t2.c1 = t1.c1
  AND t3.view = :view
  AND t3.c1 = t1.c2
ON CONFLICT DO NOTHING;

-- Stratum 16: doubled/2 (each rule once)
-- program.rj:17: doubled(X, W) :- weight(X, V), V != heavy, W = V * 2.
INSERT INTO "doubled" (view, c1, c2)
SELECT DISTINCT :view, t1.c1, rj_mul(t1.c2, rj_int(2))
FROM "weight" AS t1
WHERE t1.view = :view
  AND t1.c2 <> rj_sym('heavy')
ON CONFLICT DO NOTHING;

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
INSERT INTO "active" (view, c1, c2)
SELECT DISTINCT :view, s3.v0, s3.v2
FROM s3
ON CONFLICT DO NOTHING;

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
