#!/usr/bin/env python3
"""Cross-checks `mentor-match solve` against scipy on random problems.

For each random problem (dense or sparse JSON, both senses, up to 200 mentees x 60 mentors,
capacities 1-4, forbidden and locked pairs, some mentees with no allowed mentor) it runs the CLI with
`--output json`, checks the printed assignment is feasible and its total right, and compares with an
independent optimum: scipy.optimize.linear_sum_assignment on the slot-expanded matrix (one column per
unit of mentor capacity) plus one private "unassigned" column per mentee whose cost M exceeds any
score difference, so that assigning more mentees always wins (exact: scores are small integers).

Usage: python3 Benchmarks/check_random_problems.py --binary .build/debug/mentor-match [--count 200] [--solver glpk]
Exit status 0 when every problem agrees, 1 otherwise.
"""
import argparse
import json
import random
import subprocess
import sys
import tempfile

import numpy as np
from scipy.optimize import linear_sum_assignment


def random_problem(rng):
    n = rng.randint(1, 200)
    m = rng.randint(1, 60)
    density = rng.choice([0.05, 0.2, 0.6, 1.0])
    sense = rng.choice(["maximize", "minimize"])
    mentors = [{"id": f"m{j}", "capacity": rng.randint(1, 4)} for j in range(m)]
    mentees = [{"id": f"e{i}"} for i in range(n)]
    scores = [[rng.randint(0, 100) if rng.random() < density else None for _ in range(m)] for _ in range(n)]
    for i in rng.sample(range(n), k=max(1, n // 20)):  # some mentees with no allowed mentor
        scores[i] = [None] * m
    forbidden, locked, locked_load = [], [], [0] * m
    for i in range(n):
        for j in range(m):
            if scores[i][j] is not None and rng.random() < 0.02:
                forbidden.append((i, j))
    forbidden_set = set(forbidden)
    for i in range(n):
        options = [j for j in range(m) if scores[i][j] is not None and (i, j) not in forbidden_set
                   and locked_load[j] < mentors[j]["capacity"]]
        if options and rng.random() < 0.03:
            j = rng.choice(options)
            locked.append((i, j))
            locked_load[j] += 1
    document = {"sense": sense, "mentors": mentors, "mentees": mentees,
                "forbidden": [{"mentee": f"e{i}", "mentor": f"m{j}"} for i, j in forbidden],
                "locked": [{"mentee": f"e{i}", "mentor": f"m{j}"} for i, j in locked]}
    if rng.random() < 0.5:
        document["scores"] = scores
    else:
        edges = [{"mentee": f"e{i}", "mentor": f"m{j}", "score": scores[i][j]}
                 for i in range(n) for j in range(m) if scores[i][j] is not None]
        rng.shuffle(edges)
        document["edges"] = edges
    return document, scores, forbidden_set, dict(locked)


def scipy_optimum(document, scores, forbidden, locked):
    """(assigned, total score) of the best assignment, by slot expansion and scipy."""
    n, mentors = len(scores), document["mentors"]
    sign = -1 if document["sense"] == "maximize" else 1
    slots = [j for j, mentor in enumerate(mentors) for _ in range(mentor["capacity"])]
    big = (n + 1) * 101  # more than any difference of total scores (scores are 0..100)
    cost = np.full((n, len(slots) + n), np.inf)
    for i in range(n):
        for column, j in enumerate(slots):
            allowed = scores[i][j] is not None and (i, j) not in forbidden and locked.get(i, j) == j
            if allowed:
                cost[i, column] = sign * scores[i][j] + 100  # shifted to be non-negative
        if i not in locked:
            cost[i, len(slots) + i] = big
    rows, columns = linear_sum_assignment(cost)
    pairs = [(i, slots[c]) for i, c in zip(rows, columns) if c < len(slots)]
    return len(pairs), sum(scores[i][j] for i, j in pairs)


def check(document, scores, forbidden, locked, printed):
    index = {mentee["id"]: i for i, mentee in enumerate(document["mentees"])}
    mentor_index = {mentor["id"]: j for j, mentor in enumerate(document["mentors"])}
    load = [0] * len(document["mentors"])
    seen, total = set(), 0
    for a in printed["assignments"]:
        i, j = index[a["mentee"]], mentor_index[a["mentor"]]
        assert i not in seen, f"{a['mentee']} assigned twice"
        seen.add(i)
        assert scores[i][j] is not None and (i, j) not in forbidden, f"pair {a} not allowed"
        assert a["score"] == scores[i][j], f"pair {a} has the wrong score"
        load[j] += 1
        total += scores[i][j]
    for j, mentor in enumerate(document["mentors"]):
        assert load[j] <= mentor["capacity"], f"mentor {mentor['id']} over capacity"
    for i, j in locked.items():
        assert any(index[a["mentee"]] == i and mentor_index[a["mentor"]] == j for a in printed["assignments"]), "lock broken"
    assert len(seen) + len(printed["unassigned"]) == len(document["mentees"]), "mentees missing"
    assert printed["objective"] == total, f"objective {printed['objective']} but assignments total {total}"
    expected = scipy_optimum(document, scores, forbidden, locked)
    assert (len(seen), total) == expected, f"(assigned, total) = {(len(seen), total)}, scipy says {expected}"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--solver", default="hungarian")
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        for number in range(arguments.count):
            document, scores, forbidden, locked = random_problem(rng)
            path = f"{folder}/problem-{number}.json"
            with open(path, "w") as file:
                json.dump(document, file)
            command = [arguments.binary, "solve", path, "--output", "json", "--solver", arguments.solver]
            try:
                # A small problem solves in milliseconds: a minute means a hang, which fails the check.
                try:
                    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
                except subprocess.TimeoutExpired:
                    raise AssertionError("no answer within 60 s")
                assert result.returncode == 0, f"exit {result.returncode}: {result.stderr.strip()}"
                check(document, scores, forbidden, locked, json.loads(result.stdout))
            except AssertionError as error:
                failures += 1
                print(f"problem {number} (seed {arguments.seed}): {error}", file=sys.stderr)
    print(f"check_random_problems ({arguments.solver}): {arguments.count - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
