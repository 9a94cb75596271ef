/// The definitions a program's SQL needs on PostgreSQL and DuckDB, run
/// before its tables are made and printed by `rejoinder sql` (so that the
/// printed script runs by hand in psql or duckdb): the value type
/// `rj_value`, its constructors, and the `rj_` functions of
/// `SQLFunctions` written in the engine's own SQL. SQLite needs none: its
/// `rj_` functions are the host's, defined through its C interface.
///
/// A value is `(class, num, int, dec, txt, lo, hi)`, no field NULL: class
/// 0 a number, 1 a symbol, 2 a range, so that comparing the fields in order
/// is the language's order. A number has its double in `num` and, when
/// an integer, itself in `int`; a decimal (never integral below 2⁶³: those
/// are integers) has `int` 0, or the nearest bound past ±2⁶³, so that
/// `(num, int, dec)` orders integers and decimals exactly. Symbols
/// compare by their bytes (COLLATE "C"), ranges by their bounds. A
/// function that fails calls `rj_fail`, which names it and its arguments
/// (`rejoinder: rj_add failed on i9223372036854775807 i1`); the host then
/// calls the same function in Swift for the engine's own message.
extension SQLDialect {
    var prelude: [String] {
        switch self {
        case .sqlite: return []
        case .postgres: return Self.postgresPrelude
        case .duckdb: return Self.duckdbPrelude
        }
    }

    private static let maximum = "9223372036854775807"
    private static let minimum = "(-9223372036854775807 - 1)"

    // MARK: PostgreSQL

    private static var postgresPrelude: [String] {
        let two63 = "CAST('9223372036854775808' AS float8)"
        var statements = [
            #"CREATE TYPE rj_value AS (class smallint, num float8, int bigint, dec boolean, txt text COLLATE "C", lo bigint, hi bigint)"#,
            sql("rj_int(i bigint)", "SELECT ROW(0, CAST(i AS float8), i, false, '', 0, 0)::rj_value"),
            sql("rj_dec(x float8)", "SELECT ROW(0, x, CASE WHEN x >= \(two63) THEN \(maximum) WHEN x < -\(two63) THEN \(minimum) ELSE 0 END, true, '', 0, 0)::rj_value"),
            sql("rj_num(x float8)", "SELECT CASE WHEN x = trunc(x) AND x >= -\(two63) AND x < \(two63) THEN rj_int(CAST(x AS bigint)) ELSE rj_dec(x) END"),
            sql("rj_sym(t text)", "SELECT ROW(1, 0, 0, false, t, 0, 0)::rj_value"),
            sql("rj_span(lo bigint, hi bigint)", "SELECT ROW(2, 0, 0, false, '', lo, hi)::rj_value"),
            sql("rj_text(v rj_value)", returns: "text", """
                SELECT CASE v.class WHEN 0 THEN CASE WHEN v.dec THEN 'd' || CAST(v.num AS text) ELSE 'i' || CAST(v.int AS text) END
                  WHEN 1 THEN 's' || encode(convert_to(v.txt, 'UTF8'), 'hex') ELSE 'r' || v.lo || ':' || v.hi END
                """),
            """
            CREATE FUNCTION rj_fail(name text, arguments rj_value[]) RETURNS void LANGUAGE plpgsql AS $$
            BEGIN
              RAISE EXCEPTION '\(SQLFunctions.failurePrefix)% failed on %', name, (SELECT string_agg(rj_text(a), ' ') FROM unnest(arguments) AS a);
            END $$
            """,
        ]
        for (name, op) in SQLFunctions.arithmetic {
            let symbol = op.rawValue
            let integer = op == .divide ? "" : """
                IF NOT a.dec AND NOT b.dec THEN
                  IF CAST(a.int AS numeric) \(symbol) b.int BETWEEN \(minimum) AND \(maximum) THEN RETURN rj_int(a.int \(symbol) b.int); END IF;
                ELSE
                """
            // PostgreSQL's float8 arithmetic raises on an infinite result
            // (the engine's error) and on one that underflows to 0 (the
            // engine's 0).
            statements.append(plpgsql("\(name)(a rj_value, b rj_value)", returns: "rj_value", declare: "x float8;", """
                IF a.class = 0 AND b.class = 0\(op == .divide ? " AND b.num <> 0" : "") THEN
                  \(integer)
                  BEGIN
                    x := a.num \(symbol) b.num;
                    RETURN rj_num(x);
                  EXCEPTION WHEN numeric_value_out_of_range THEN
                    IF SQLERRM LIKE '%underflow%' THEN RETURN rj_int(0); END IF;
                  END;
                  \(op == .divide ? "" : "END IF;")
                END IF;
                """, failing: name, "a, b"))
        }
        for (name, op) in SQLFunctions.comparisons {
            statements.append(plpgsql("\(name)(a rj_value, b rj_value)", returns: "boolean", "IF a.class = b.class THEN RETURN a \(op.rawValue) b; END IF;", failing: name, "a, b"))
        }
        statements += [
            plpgsql("rj_neg(a rj_value)", returns: "rj_value", """
                IF a.class = 0 AND a.dec THEN RETURN rj_num(-a.num); END IF;
                IF a.class = 0 AND a.int <> \(minimum) THEN RETURN rj_int(-a.int); END IF;
                """, failing: "rj_neg", "a"),
            plpgsql("rj_range(a rj_value, b rj_value)", returns: "rj_value",
                    "IF a.class = 0 AND NOT a.dec AND b.class = 0 AND NOT b.dec AND a.int <= b.int THEN RETURN rj_span(a.int, b.int); END IF;",
                    failing: "rj_range", "a, b"),
            plpgsql("rj_in(e rj_value, c rj_value)", returns: "boolean", """
                IF c.class = 2 THEN RETURN e.class = 0 AND NOT e.dec AND e.int BETWEEN c.lo AND c.hi; END IF;
                IF c.class = 0 THEN RETURN NOT c.dec AND e.class = 0 AND NOT e.dec AND e.int = c.int; END IF;
                """, failing: "rj_in", "e, c"),
            plpgsql("rj_first(c rj_value)", returns: "bigint", """
                IF c.class = 2 THEN RETURN c.lo; END IF;
                IF c.class = 0 THEN RETURN CASE WHEN c.dec THEN NULL ELSE c.int END; END IF;
                """, failing: "rj_first", "c"),
            plpgsql("rj_last(c rj_value)", returns: "bigint", """
                IF c.class = 2 THEN RETURN c.hi; END IF;
                IF c.class = 0 THEN RETURN CASE WHEN c.dec THEN NULL ELSE c.int END; END IF;
                """, failing: "rj_last", "c"),
            plpgsql("rj_abs(a rj_value)", returns: "rj_value", """
                IF a.class = 0 AND a.dec THEN RETURN rj_num(abs(a.num)); END IF;
                IF a.class = 0 AND a.int <> \(minimum) THEN RETURN rj_int(abs(a.int)); END IF;
                """, failing: "rj_abs", "a"),
            // Halves away from zero, as Swift's rounded(): the difference from the truncation is exact.
            plpgsql("rj_round(a rj_value)", returns: "rj_value", """
                IF a.class = 0 AND NOT a.dec THEN RETURN a; END IF;
                IF a.class = 0 THEN
                  RETURN rj_num(CASE WHEN abs(a.num - trunc(a.num)) >= 0.5 THEN trunc(a.num) + sign(a.num) ELSE trunc(a.num) END);
                END IF;
                """, failing: "rj_round", "a"),
            plpgsql("rj_floor(a rj_value)", returns: "rj_value", "IF a.class = 0 THEN RETURN CASE WHEN a.dec THEN rj_num(floor(a.num)) ELSE a END; END IF;", failing: "rj_floor", "a"),
            plpgsql("rj_ceil(a rj_value)", returns: "rj_value", "IF a.class = 0 THEN RETURN CASE WHEN a.dec THEN rj_num(ceil(a.num)) ELSE a END; END IF;", failing: "rj_ceil", "a"),
            plpgsql("rj_log(a rj_value)", returns: "rj_value", "IF a.class = 0 AND a.num > 0 THEN RETURN rj_num(ln(a.num)); END IF;", failing: "rj_log", "a"),
            plpgsql("rj_min(a rj_value, b rj_value)", returns: "rj_value", "IF a.class = 0 AND b.class = 0 THEN RETURN CASE WHEN a <= b THEN a ELSE b END; END IF;", failing: "rj_min", "a, b"),
            plpgsql("rj_max(a rj_value, b rj_value)", returns: "rj_value", "IF a.class = 0 AND b.class = 0 THEN RETURN CASE WHEN a > b THEN a ELSE b END; END IF;", failing: "rj_max", "a, b"),
            // The aggregates fold as `Accumulator` does: a sum by rj_add from 0, in the order rows come.
            "CREATE AGGREGATE rj_sum(rj_value) (SFUNC = rj_add, STYPE = rj_value, INITCOND = '(0,0,0,f,\"\",0,0)')",
            sql("rj_least(a rj_value, b rj_value)", "SELECT CASE WHEN b < a THEN b ELSE a END", strict: true),
            sql("rj_greatest(a rj_value, b rj_value)", "SELECT CASE WHEN b > a THEN b ELSE a END", strict: true),
            "CREATE AGGREGATE rj_min(rj_value) (SFUNC = rj_least, STYPE = rj_value)",
            "CREATE AGGREGATE rj_max(rj_value) (SFUNC = rj_greatest, STYPE = rj_value)",
            "CREATE TYPE rj_mean_state AS (total rj_value, n bigint)",
            plpgsql("rj_mean_step(s rj_mean_state, v rj_value)", returns: "rj_mean_state", strict: false,
                    "RETURN ROW(rj_add(CASE WHEN s IS NULL THEN rj_int(0) ELSE s.total END, v), CASE WHEN s IS NULL THEN 1 ELSE s.n + 1 END);"),
            sql("rj_mean_final(s rj_mean_state)", "SELECT rj_num((s.total).num / s.n)", strict: true),
            "CREATE AGGREGATE rj_mean(rj_value) (SFUNC = rj_mean_step, STYPE = rj_mean_state, FINALFUNC = rj_mean_final)",
        ]
        return statements
    }

    /// A function in SQL that cannot fail, which PostgreSQL inlines and
    /// folds over constants.
    private static func sql(_ signature: String, returns: String = "rj_value", _ body: String, strict: Bool = false) -> String {
        "CREATE FUNCTION \(signature) RETURNS \(returns) LANGUAGE sql IMMUTABLE\(strict ? " STRICT" : "") PARALLEL SAFE AS $$\n\(body)\n$$"
    }

    /// A function that may fail: VOLATILE, so that PostgreSQL never calls
    /// it while planning (on constants of a rule no row reaches), and
    /// STRICT (NULL in, NULL out, as SQLite's functions). Where `body`
    /// returns nothing, `failing` fails with those arguments.
    private static func plpgsql(_ signature: String, returns: String, declare: String = "", strict: Bool = true, _ body: String,
                                failing name: String? = nil, _ arguments: String = "") -> String {
        let failure = name.map { "PERFORM rj_fail('\($0)', ARRAY[\(arguments)]);\n" } ?? ""
        return "CREATE FUNCTION \(signature) RETURNS \(returns) LANGUAGE plpgsql VOLATILE\(strict ? " STRICT" : "") PARALLEL SAFE AS $$\n"
            + (declare.isEmpty ? "" : "DECLARE \(declare)\n") + "BEGIN\n\(body)\n\(failure)RETURN NULL;\nEND $$"
    }

    // MARK: DuckDB

    private static var duckdbPrelude: [String] {
        let two63 = "CAST('9223372036854775808' AS DOUBLE)"
        var statements = [
            "CREATE TYPE rj_value AS STRUCT(class SMALLINT, num DOUBLE, int BIGINT, dec BOOLEAN, txt VARCHAR, lo BIGINT, hi BIGINT)",
            macro("rj_int(i)", "CAST({'class': 0, 'num': CAST(i AS DOUBLE), 'int': CAST(i AS BIGINT), 'dec': false, 'txt': '', 'lo': 0, 'hi': 0} AS rj_value)"),
            macro("rj_dec(x)", """
                CAST({'class': 0, 'num': x, 'int': CASE WHEN x >= \(two63) THEN \(maximum) WHEN x < -\(two63) THEN \(minimum) ELSE 0 END,
                      'dec': true, 'txt': '', 'lo': 0, 'hi': 0} AS rj_value)
                """),
            macro("rj_num(x)", "CASE WHEN x = trunc(x) AND x >= -\(two63) AND x < \(two63) THEN rj_int(CAST(x AS BIGINT)) ELSE rj_dec(x) END"),
            macro("rj_sym(t)", "CAST({'class': 1, 'num': 0, 'int': 0, 'dec': false, 'txt': t, 'lo': 0, 'hi': 0} AS rj_value)"),
            macro("rj_span(lo, hi)", "CAST({'class': 2, 'num': 0, 'int': 0, 'dec': false, 'txt': '', 'lo': lo, 'hi': hi} AS rj_value)"),
            macro("rj_text(v)", """
                CASE v.class WHEN 0 THEN CASE WHEN v.dec THEN 'd' || printf('%.17g', v.num) ELSE 'i' || CAST(v.int AS VARCHAR) END
                  WHEN 1 THEN 's' || hex(v.txt) ELSE 'r' || CAST(v.lo AS VARCHAR) || ':' || CAST(v.hi AS VARCHAR) END
                """),
            macro("rj_fail(name, arguments)", "error('\(SQLFunctions.failurePrefix)' || name || ' failed on ' || arguments)"),
        ]
        for (name, op) in SQLFunctions.arithmetic {
            let symbol = op.rawValue
            let exact = "CAST(a.int AS HUGEINT) \(symbol) b.int"
            let real = "a.num \(symbol) b.num"
            var cases = ["a.class <> 0 OR b.class <> 0\(op == .divide ? " OR b.num = 0" : "")"]
            var results = [fail(name, "a", "b")]
            if op != .divide {
                cases.append("NOT a.dec AND NOT b.dec")
                results.append("CASE WHEN \(exact) BETWEEN \(minimum) AND \(maximum) THEN rj_int(CAST(\(exact) AS BIGINT)) ELSE \(fail(name, "a", "b")) END")
            }
            // DuckDB's doubles overflow to infinity without an error.
            cases.append("NOT isfinite(\(real))")
            results.append(fail(name, "a", "b"))
            statements.append(macro("\(name)(a, b)", nullSafe: ["a", "b"], zip(cases, results).map { "WHEN \($0) THEN \($1)" }.joined(separator: "\n") + "\nELSE rj_num(\(real))"))
        }
        for (name, op) in SQLFunctions.comparisons {
            statements.append(macro("\(name)(a, b)", nullSafe: ["a", "b"], "WHEN a.class = b.class THEN a \(op.rawValue) b ELSE \(fail(name, "a", "b"))"))
        }
        // One SQL name for the two-argument function and the aggregate:
        // DuckDB tells the definitions by their number of arguments.
        let sum = "list_reduce(list(x), lambda s, v: rj_add(s, v), rj_int(0))"
        statements += [
            macro("rj_neg(a)", nullSafe: ["a"], """
                WHEN a.class = 0 AND a.dec THEN rj_num(-a.num)
                WHEN a.class = 0 AND a.int <> \(minimum) THEN rj_int(-a.int) ELSE \(fail("rj_neg", "a"))
                """),
            macro("rj_range(a, b)", nullSafe: ["a", "b"],
                  "WHEN a.class = 0 AND NOT a.dec AND b.class = 0 AND NOT b.dec AND a.int <= b.int THEN rj_span(a.int, b.int) ELSE \(fail("rj_range", "a", "b"))"),
            macro("rj_in(e, c)", nullSafe: ["e", "c"], """
                WHEN c.class = 2 THEN e.class = 0 AND NOT e.dec AND e.int BETWEEN c.lo AND c.hi
                WHEN c.class = 0 THEN NOT c.dec AND e.class = 0 AND NOT e.dec AND e.int = c.int ELSE \(fail("rj_in", "e", "c"))
                """),
            macro("rj_first(c)", nullSafe: ["c"], "WHEN c.class = 2 THEN c.lo WHEN c.class = 0 AND NOT c.dec THEN c.int WHEN c.class = 0 THEN NULL ELSE \(fail("rj_first", "c"))"),
            macro("rj_last(c)", nullSafe: ["c"], "WHEN c.class = 2 THEN c.hi WHEN c.class = 0 AND NOT c.dec THEN c.int WHEN c.class = 0 THEN NULL ELSE \(fail("rj_last", "c"))"),
            macro("rj_abs(a)", nullSafe: ["a"], """
                WHEN a.class = 0 AND a.dec THEN rj_num(abs(a.num))
                WHEN a.class = 0 AND a.int <> \(minimum) THEN rj_int(abs(a.int)) ELSE \(fail("rj_abs", "a"))
                """),
            macro("rj_round(a)", nullSafe: ["a"], """
                WHEN a.class = 0 AND NOT a.dec THEN a
                WHEN a.class = 0 THEN rj_num(CASE WHEN abs(a.num - trunc(a.num)) >= 0.5 THEN trunc(a.num) + sign(a.num) ELSE trunc(a.num) END)
                ELSE \(fail("rj_round", "a"))
                """),
            macro("rj_floor(a)", nullSafe: ["a"], "WHEN a.class = 0 AND NOT a.dec THEN a WHEN a.class = 0 THEN rj_num(floor(a.num)) ELSE \(fail("rj_floor", "a"))"),
            macro("rj_ceil(a)", nullSafe: ["a"], "WHEN a.class = 0 AND NOT a.dec THEN a WHEN a.class = 0 THEN rj_num(ceil(a.num)) ELSE \(fail("rj_ceil", "a"))"),
            macro("rj_log(a)", nullSafe: ["a"], "WHEN a.class = 0 AND a.num > 0 THEN rj_num(ln(a.num)) ELSE \(fail("rj_log", "a"))"),
            "CREATE OR REPLACE MACRO rj_min(x) AS min(x),\n  (a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a.class = 0 AND b.class = 0 THEN CASE WHEN a <= b THEN a ELSE b END ELSE \(fail("rj_min", "a", "b")) END",
            "CREATE OR REPLACE MACRO rj_max(x) AS max(x),\n  (a, b) AS CASE WHEN a IS NULL OR b IS NULL THEN NULL WHEN a.class = 0 AND b.class = 0 THEN CASE WHEN a > b THEN a ELSE b END ELSE \(fail("rj_max", "a", "b")) END",
            // The aggregates fold as `Accumulator` does: a sum by rj_add from 0, in the order rows come.
            macro("rj_sum(x)", sum),
            macro("rj_mean(x)", "CASE WHEN count(x) > 0 THEN rj_num(\(sum).num / count(x)) END"),
        ]
        return statements
    }

    private static func macro(_ signature: String, _ body: String) -> String {
        "CREATE OR REPLACE MACRO \(signature) AS\n\(body)"
    }

    /// A macro of `CASE` arms that is NULL when an argument is (as SQLite's functions are).
    private static func macro(_ signature: String, nullSafe arguments: [String], _ arms: String) -> String {
        macro(signature, "CASE WHEN " + arguments.map { "\($0) IS NULL" }.joined(separator: " OR ") + " THEN NULL\n\(arms) END")
    }

    private static func fail(_ name: String, _ arguments: String...) -> String {
        "rj_fail('\(name)', " + arguments.map { "rj_text(\($0))" }.joined(separator: " || ' ' || ") + ")"
    }
}
