#!/usr/bin/env python3
"""Copies the benchmark tables of Benchmarks/results/results.md into the docs.

The harness (`mentor-match-bench run`, Report.swift) writes every table of results.md from
results.json between two marker lines, `<!-- table:NAME -->` and `<!-- /table:NAME -->`. A doc
that shows a table holds the same two lines; this script replaces what is between them with the
table of the same name, so that no figure in the docs is typed by hand. A NAME ending in `.md`
stands for that whole file of Benchmarks/results (reading.md, which `mentor-match-bench reading`
writes).

Usage: python3 Benchmarks/tables.py [--check] [FILE ...]   (default: README.md)
With --check it changes nothing and exits 1 when a file's tables differ from results.md.
"""
import argparse
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
MARKED = re.compile(r"<!-- table:([a-z.-]+) -->\n.*?<!-- /table:\1 -->", flags=re.S)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--results", default=os.path.join(ROOT, "Benchmarks", "results", "results.md"))
    parser.add_argument("files", nargs="*", default=[os.path.join(ROOT, "README.md")])
    arguments = parser.parse_args()
    with open(arguments.results) as file:
        tables = {found.group(1): found.group(0) for found in MARKED.finditer(file.read())}
    folder = os.path.dirname(arguments.results)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".md") and name != os.path.basename(arguments.results):
            with open(os.path.join(folder, name)) as file:
                tables[name] = f"<!-- table:{name} -->\n{file.read().strip()}\n<!-- /table:{name} -->"
    stale = []
    for path in arguments.files:
        with open(path) as file:
            text = file.read()

        def replace(found):
            if found.group(1) not in tables:
                raise SystemExit(f"{path}: no table '{found.group(1)}' in {arguments.results}; it has {', '.join(sorted(tables))}")
            return tables[found.group(1)]
        new = MARKED.sub(replace, text)
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
        print("tables differ from Benchmarks/results/results.md (run python3 Benchmarks/tables.py): " + ", ".join(stale))
        sys.exit(1)


if __name__ == "__main__":
    main()
