#!/usr/bin/env python3
"""Generate the benchmark workloads, seeded, for rejoinder and its peers.

Usage: Benchmarks/generate.py OUTPUT_DIR [--seed N]

Each workload gets one program per system that does the same work and
prints the same answer: NAME.rj for rejoinder, NAME.sql for sqlite3,
NAME.duck.sql for DuckDB's shell, NAME.pl for swipl, and NAME.csv (or
NAME-TABLE.csv) for the peers that load rows from a file.

  tc           W1: transitive closure of a random directed graph
               (2,000 nodes, 3,000 edges: 1,423,565 paths)
  tc-1200, tc-3000
               the same graph law at 1,200 and 3,000 nodes (486,214 and
               2,893,404 paths), for the scaling row
  observations W2: load 1,200,000 indicator observations value(I, A, Y, V)
               from a file, then a filtered aggregate over them
  join         W3: a three-way join with a negation over 300,000 facts
  debate-N     the big debate: N generated claims with 3 attacks each, by
               two generated sources (N = 10,000 and 40,000)
"""

import argparse
import os
import random


def write(path, text):
    with open(path, "w") as out:
        out.write(text)


def duckdb_table(name, csv, columns):
    """DuckDB's fastest load: read_csv straight into a table."""
    typed = ", ".join(f"'{column}': '{kind}'" for column, kind in columns)
    return f"CREATE TABLE {name} AS SELECT * FROM read_csv('{csv}', header = false, columns = {{{typed}}});\n"


def random_graph(nodes, rng):
    """`nodes` nodes and 1.5 times as many distinct edges, no loops."""
    edges = set()
    while len(edges) < nodes * 3 // 2:
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a != b:
            edges.add((a, b))
    return sorted(edges)


def transitive_closure(folder, name, nodes, rng):
    edges = random_graph(nodes, rng)
    csv = os.path.join(folder, f"{name}.csv")
    closure = "WITH RECURSIVE path(x, y) AS (SELECT x, y FROM edge UNION SELECT path.x, edge.y FROM path JOIN edge ON path.y = edge.x)\n"
    write(csv, "".join(f"{a},{b}\n" for a, b in edges))
    write(os.path.join(folder, f"{name}.rj"),
          "".join(f"edge({a}, {b}).\n" for a, b in edges)
          + "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"
          + "?- N = count : { path(X, Y) }.\n")
    write(os.path.join(folder, f"{name}.sql"),
          "CREATE TABLE edge(x INTEGER, y INTEGER);\nBEGIN;\n"
          + "".join(f"INSERT INTO edge VALUES({a},{b});\n" for a, b in edges)
          + "COMMIT;\nCREATE INDEX edge_x ON edge(x);\n"
          + closure + "SELECT count(*) FROM path;\n")
    write(os.path.join(folder, f"{name}.duck.sql"),
          duckdb_table("edge", csv, [("x", "INTEGER"), ("y", "INTEGER")])
          + closure + "SELECT count(*) FROM path;\n")
    write(os.path.join(folder, f"{name}.pl"),
          ":- table path/2.\n"
          + "".join(f"edge({a}, {b}).\n" for a, b in edges)
          + "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"
          + ":- initialization((aggregate_all(count, path(_, _), N), writeln(N), halt)).\n")


def observations(folder, rng):
    indicators, actors, years = 20, 1200, 50
    rows = []
    for i in range(indicators):
        for a in range(actors):
            for y in range(1990, 1990 + years):
                rows.append((f"ind{i}", f"a{a}", y, rng.randrange(0, 100000) / 100))
    rng.shuffle(rows)
    csv = os.path.join(folder, "observations.csv")
    where = "WHERE i = 'ind7' AND y >= 2010 AND v > 500"
    write(os.path.join(folder, "observations.rj"),
          "".join(f"value({i}, {a}, {y}, {v:.2f}).\n" for i, a, y, v in rows))
    write(os.path.join(folder, "observations-query.rj"),
          "?- S = sum V : { value(ind7, A, Y, V), Y >= 2010, V > 500 }.\n")
    write(csv, "".join(f"{i},{a},{y},{v:.2f}\n" for i, a, y, v in rows))
    write(os.path.join(folder, "observations.sql"),
          "CREATE TABLE value(i TEXT, a TEXT, y INTEGER, v REAL);\n.mode csv\n"
          f".import {csv} value\n"
          "CREATE INDEX value_i ON value(i, y);\n"
          f"SELECT sum(v) FROM value {where};\n")
    write(os.path.join(folder, "observations.duck.sql"),
          duckdb_table("value", csv, [("i", "VARCHAR"), ("a", "VARCHAR"), ("y", "INTEGER"), ("v", "DOUBLE")])
          + f"SELECT sum(v) FROM value {where};\n")
    write(os.path.join(folder, "observations.pl"),
          "".join(f"value({i}, {a}, {y}, {v:.2f}).\n" for i, a, y, v in rows)
          + ":- initialization((aggregate_all(sum(V), (value(ind7, _, Y, V), Y >= 2010, V > 500), S), writeln(S), halt)).\n")


def join(folder, rng):
    domain, size = 37500, 75000

    def relation():
        pairs = set()
        while len(pairs) < size:
            pairs.add((rng.randrange(domain), rng.randrange(domain)))
        return sorted(pairs)

    tables = {name: relation() for name in ["r", "s", "t", "u"]}
    query = "SELECT count(*) FROM r JOIN s ON r.y = s.x JOIN t ON s.y = t.x WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.x = r.x AND u.y = t.y);\n"
    facts = "".join(f"{name}({a}, {b}).\n" for name, pairs in tables.items() for a, b in pairs)
    write(os.path.join(folder, "join.rj"),
          facts + "?- N = count : { r(X, Y), s(Y, Z), t(Z, W), not u(X, W) }.\n")
    sql = "".join(f"CREATE TABLE {name}(x INTEGER, y INTEGER);\n" for name in tables) + "BEGIN;\n"
    for name, pairs in tables.items():
        sql += "".join(f"INSERT INTO {name} VALUES({a},{b});\n" for a, b in pairs)
    sql += "COMMIT;\n" + "".join(f"CREATE INDEX {name}_x ON {name}(x, y);\n" for name in tables)
    write(os.path.join(folder, "join.sql"), sql + query)
    duck = ""
    for name, pairs in tables.items():
        csv = os.path.join(folder, f"join-{name}.csv")
        write(csv, "".join(f"{a},{b}\n" for a, b in pairs))
        duck += duckdb_table(name, csv, [("x", "INTEGER"), ("y", "INTEGER")])
    write(os.path.join(folder, "join.duck.sql"), duck + query)
    write(os.path.join(folder, "join.pl"),
          facts + ":- initialization((aggregate_all(count, (r(X, Y), s(Y, Z), t(Z, W), \\+ u(X, W)), N), writeln(N), halt)).\n")


def big_debate(folder, claims, rng):
    """A generated exchange beside the shipped one: `claims` claims split
    between two generated sources, each claim attacking 3 others (its own
    side's view holds its attacks), loaded with the shipped base."""
    sides = ["gen_left", "gen_right"]
    lines = [f'source {side} "Generated side {side[4:]}".\n' for side in sides]
    for number in range(claims):
        lines.append(f'claim g{number} "Generated claim {number}" {{ by: {sides[number % 2]} }}.\n')
    for side_number, side in enumerate(sides):
        lines.append(f"according to {side} {{\n")
        for number in range(side_number, claims, 2):
            targets = set()
            while len(targets) < 3:
                target = rng.randrange(claims)
                if target != number:
                    targets.add(target)
            lines.extend(f"  rebuts(g{number}, g{target}).\n" for target in sorted(targets))
        lines.append("}\n")
    write(os.path.join(folder, f"debate-{claims}.rj"), "".join(lines))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=20261129)
    arguments = parser.parse_args()
    os.makedirs(arguments.output, exist_ok=True)
    transitive_closure(arguments.output, "tc", 2000, random.Random(arguments.seed))
    for nodes in [1200, 3000]:
        transitive_closure(arguments.output, f"tc-{nodes}", nodes, random.Random(arguments.seed))
    observations(arguments.output, random.Random(arguments.seed + 1))
    join(arguments.output, random.Random(arguments.seed + 2))
    for claims in [10000, 40000]:
        big_debate(arguments.output, claims, random.Random(arguments.seed + 3))


if __name__ == "__main__":
    main()
