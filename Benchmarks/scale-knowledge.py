#!/usr/bin/env python3
"""Write the shipped knowledge base scaled N times, for SQL-engine runs.

Usage: Benchmarks/scale-knowledge.py OUT [--copies N] [--rejoinder PATH]

OUT receives the debate and indicator files as they are (copy 0) and N-1
copies of them in which every entity id is renamed `id_cK`: the actors,
claims, evidence, policies, standards and the rest. Sources, indicators,
publishers and the vocabulary keep their names, so every copy speaks in
the same views about the same measures, and rules without an entity
constant are the same text in every copy, which a load adds once. The
stored facts, and what the rules derive from them, grow N times.

The entity ids come from the shipped base itself (`is_a/2`), so the
script follows the knowledge base as it changes.
"""

import argparse
import os
import re
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
FOLDERS = ["debate", "indicators"]
# Kinds whose entities name views, measures or roles: never renamed.
KEPT_KINDS = {"source", "indicator", "publisher", "exercise", "tour_step"}


def entity_ids(rejoinder):
    output = subprocess.run([rejoinder, "run", "--format", "csv", "-e", "?- is_a(X, K)."],
                            check=True, capture_output=True, text=True).stdout
    ids = set()
    for line in output.splitlines()[1:]:
        entity, kind = line.split(",")[:2]
        if kind not in KEPT_KINDS:
            ids.add(entity)
    return ids


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--rejoinder", default=os.path.join(ROOT, ".build", "release", "rejoinder"))
    arguments = parser.parse_args()

    ids = entity_ids(arguments.rejoinder)
    # Longest first, so that no id is renamed inside a longer one.
    pattern = re.compile(r"(?<![A-Za-z0-9_])(" + "|".join(sorted(map(re.escape, ids), key=len, reverse=True)) + r")(?![A-Za-z0-9_])")
    for folder in FOLDERS:
        source = os.path.join(ROOT, "Knowledge", folder)
        target = os.path.join(arguments.out, folder)
        os.makedirs(target, exist_ok=True)
        for name in sorted(os.listdir(source)):
            if not name.endswith(".rj"):
                continue
            with open(os.path.join(source, name)) as file:
                text = file.read()
            for copy in range(arguments.copies):
                renamed = text if copy == 0 else pattern.sub(lambda match: f"{match.group(1)}_c{copy}", text)
                with open(os.path.join(target, f"{name[:-3]}-c{copy}.rj"), "w") as out:
                    out.write(renamed)


if __name__ == "__main__":
    main()
