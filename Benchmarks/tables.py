#!/usr/bin/env python3
"""Writes the benchmark tables of the docs from Benchmarks/results/results.json.

A table lives in a markdown file between two marker lines, `<!-- table:NAME -->` and
`<!-- /table:NAME -->`; this script replaces what is between them with the table NAME made from
the results file, so that no figure in the docs is typed by hand.

Usage: python3 Benchmarks/tables.py [--check] [FILE ...]   (default: README.md)
With --check it changes nothing and exits 1 when a file's tables differ from the results.
"""
import argparse
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
STAGES = ["read", "score", "solve", "explain", "write"]


def match_table(results):
    """`match --out` end to end on generated rosters: time, stage shares, peak memory."""
    rows = sorted((row for row in results["rows"] if row["family"] == "match"), key=lambda row: row["size"])
    lines = [
        "| mentees | allowed pairs | end to end s | " + " | ".join(STAGES) + " | peak MB | bytes per pair |",
        "|---|---|---|" + "---|" * len(STAGES) + "---|---|",
    ]
    for row in rows:
        if row["status"] != "ok":
            lines.append(f"| {row['size']:,} | | {row['status']} |" + " |" * (len(STAGES) + 2))
            continue
        total = row["median"]
        shares = [f"{100 * row['stages'][stage] / total:.0f}%" for stage in STAGES]
        pairs = row["pairs"]
        lines.append(
            f"| {row['size']:,} | {pairs:,} | {total:.2f} | "
            + " | ".join(shares) + f" | {row['peakMB']:.0f} | {row['peakMB'] * 1048576 / pairs:.1f} |")
    return "\n".join(lines)


TABLES = {"match": match_table}


def rewrite(text, results):
    def replace(found):
        name = found.group(1)
        if name not in TABLES:
            raise SystemExit(f"unknown table '{name}'; the tables are {', '.join(sorted(TABLES))}")
        return f"<!-- table:{name} -->\n{TABLES[name](results)}\n<!-- /table:{name} -->"
    return re.sub(r"<!-- table:([a-z-]+) -->\n.*?<!-- /table:\1 -->", replace, text, flags=re.S)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--results", default=os.path.join(ROOT, "Benchmarks", "results", "results.json"))
    parser.add_argument("files", nargs="*", default=[os.path.join(ROOT, "README.md")])
    arguments = parser.parse_args()
    with open(arguments.results) as file:
        results = json.load(file)
    stale = []
    for path in arguments.files:
        with open(path) as file:
            text = file.read()
        new = rewrite(text, results)
        if new == text:
            continue
        if arguments.check:
            stale.append(path)
        else:
            with open(path + ".tmp", "w") as file:
                file.write(new)
            os.replace(path + ".tmp", path)
            print(f"wrote the tables of {path}")
    if stale:
        print("tables differ from Benchmarks/results/results.json (run python3 Benchmarks/tables.py): " + ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
