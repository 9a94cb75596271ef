"""Answers every ICCMA task with pygarg for many frameworks in one process.

Usage: python pygarg-driver.py < PATHS

Reads apx file paths, one a line, and for each writes one JSON line: for
each semantics (GR, CO, PR, ST) pygarg's SE extension (or null for NO),
its EE extensions, its CE count, and the arguments it accepts for DC and
for DS, asked one argument at a time. Each file goes through pygarg's own
apx reader, as it would on pygarg's command line. Starting python and
importing pysat once, rather than once per question, is what makes a
differential test over hundreds of questions take seconds.
"""

import json
import sys

from pygarg.dung import apx_parser, solver


def answers(path):
    arguments, attacks = apx_parser.parse(path)
    result = {}
    for semantics in ["GR", "CO", "PR", "ST"]:
        some = solver.compute_some_extension(arguments, attacks, semantics)
        result[semantics] = {
            "SE": None if some == "NO" else sorted(some),
            "EE": sorted(sorted(extension) for extension in solver.extension_enumeration(arguments, attacks, semantics)),
            "CE": solver.extension_counting(arguments, attacks, semantics),
            "DC": sorted(a for a in arguments if solver.credulous_acceptability(arguments, attacks, a, semantics)[0]),
            "DS": sorted(a for a in arguments if solver.skeptical_acceptability(arguments, attacks, a, semantics)[0]),
        }
    return result


for line in sys.stdin:
    path = line.strip()
    if path:
        print(json.dumps({"file": path, "answers": answers(path)}), flush=True)
