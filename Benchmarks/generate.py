#!/usr/bin/env python3
"""Generate the benchmark workloads, seeded, for rejoinder, sqlite3 and swipl.

Usage: Benchmarks/generate.py OUTPUT_DIR [--seed N]

Each workload gets one program per system that does the same work and
prints the same answer:

  tc           transitive closure of a random directed graph
               (2,000 nodes, 3,000 edges: about 1.4 million paths)
  observations load 1,000,000 indicator observations value(I, A, Y, V)
               from a file, then a filtered aggregate over them
  join         a three-way join with a negation over 400,000 facts
"""

import argparse
import os
import random


def write(path, text):
    with open(path, "w") as out:
        out.write(text)


def transitive_closure(folder, rng):
    nodes, edge_count = 2000, 3000
    edges = set()
    while len(edges) < edge_count:
        a, b = rng.randrange(nodes), rng.randrange(nodes)
        if a != b:
            edges.add((a, b))
    edges = sorted(edges)
    write(os.path.join(folder, "tc.rj"),
          "".join(f"edge({a}, {b}).\n" for a, b in edges)
          + "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"
          + "?- N = count : { path(X, Y) }.\n")
    write(os.path.join(folder, "tc.sql"),
          "CREATE TABLE edge(x INTEGER, y INTEGER);\nBEGIN;\n"
          + "".join(f"INSERT INTO edge VALUES({a},{b});\n" for a, b in edges)
          + "COMMIT;\nCREATE INDEX edge_x ON edge(x);\n"
          + "WITH RECURSIVE path(x, y) AS (SELECT x, y FROM edge UNION SELECT path.x, edge.y FROM path JOIN edge ON path.y = edge.x)\n"
          + "SELECT count(*) FROM path;\n")
    write(os.path.join(folder, "tc.pl"),
          ":- table path/2.\n"
          + "".join(f"edge({a}, {b}).\n" for a, b in edges)
          + "path(X, Y) :- edge(X, Y).\npath(X, Z) :- path(X, Y), edge(Y, Z).\n"
          + ":- initialization((aggregate_all(count, path(_, _), N), writeln(N), halt)).\n")


def observations(folder, rng):
    indicators, actors, years = 20, 1000, 50
    rows = []
    for i in range(indicators):
        for a in range(actors):
            for y in range(1990, 1990 + years):
                rows.append((f"ind{i}", f"a{a}", y, rng.randrange(0, 100000) / 100))
    rng.shuffle(rows)
    write(os.path.join(folder, "observations.rj"),
          "".join(f"value({i}, {a}, {y}, {v:.2f}).\n" for i, a, y, v in rows))
    write(os.path.join(folder, "observations-query.rj"),
          "?- S = sum V : { value(ind7, A, Y, V), Y >= 2010, V > 500 }.\n")
    write(os.path.join(folder, "observations.csv"),
          "".join(f"{i},{a},{y},{v:.2f}\n" for i, a, y, v in rows))
    write(os.path.join(folder, "observations.sql"),
          "CREATE TABLE value(i TEXT, a TEXT, y INTEGER, v REAL);\n.mode csv\n"
          f".import {os.path.join(folder, 'observations.csv')} value\n"
          "SELECT sum(v) FROM value WHERE i = 'ind7' AND y >= 2010 AND v > 500;\n")
    write(os.path.join(folder, "observations.pl"),
          "".join(f"value({i}, {a}, {y}, {v:.2f}).\n" for i, a, y, v in rows)
          + ":- initialization((aggregate_all(sum(V), (value(ind7, _, Y, V), Y >= 2010, V > 500), S), writeln(S), halt)).\n")


def join(folder, rng):
    domain, size = 50000, 100000

    def relation():
        pairs = set()
        while len(pairs) < size:
            pairs.add((rng.randrange(domain), rng.randrange(domain)))
        return sorted(pairs)

    tables = {name: relation() for name in ["r", "s", "t", "u"]}
    facts = "".join(f"{name}({a}, {b}).\n" for name, pairs in tables.items() for a, b in pairs)
    write(os.path.join(folder, "join.rj"),
          facts + "?- N = count : { r(X, Y), s(Y, Z), t(Z, W), not u(X, W) }.\n")
    sql = "".join(f"CREATE TABLE {name}(x INTEGER, y INTEGER);\n" for name in tables) + "BEGIN;\n"
    for name, pairs in tables.items():
        sql += "".join(f"INSERT INTO {name} VALUES({a},{b});\n" for a, b in pairs)
    sql += "COMMIT;\n" + "".join(f"CREATE INDEX {name}_x ON {name}(x, y);\n" for name in tables)
    sql += "SELECT count(*) FROM r JOIN s ON r.y = s.x JOIN t ON s.y = t.x WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.x = r.x AND u.y = t.y);\n"
    write(os.path.join(folder, "join.sql"), sql)
    write(os.path.join(folder, "join.pl"),
          facts + ":- initialization((aggregate_all(count, (r(X, Y), s(Y, Z), t(Z, W), \\+ u(X, W)), N), writeln(N), halt)).\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output")
    parser.add_argument("--seed", type=int, default=20261129)
    arguments = parser.parse_args()
    os.makedirs(arguments.output, exist_ok=True)
    transitive_closure(arguments.output, random.Random(arguments.seed))
    observations(arguments.output, random.Random(arguments.seed + 1))
    join(arguments.output, random.Random(arguments.seed + 2))


if __name__ == "__main__":
    main()
