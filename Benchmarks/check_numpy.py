#!/usr/bin/env python3
"""Cross-checks `mentor-match solve PROBLEM.npz --out SOLUTION.npz` against scipy, and its errors.

Random problems (up to 120 mentees x 40 mentors, capacities 1-3, both senses) are written the ways
Python users write them: `scipy.sparse.save_npz` of CSR, CSC and COO matrices (compressed or not),
`np.savez` of compressed rows or coordinates with a `capacity` array (indices of any integer
type, scores of any integer or floating type, either byte order), and a dense `scores` array with
NaN for a pair that is not allowed (C or Fortran order). Each answer, read back with `np.load`,
must be feasible, scored as the matrix says, and as good as the optimum of
scipy.optimize.linear_sum_assignment on the slot-expanded matrix (most pairs first, as in
check_random_problems.py). Then every kind of malformed archive must get exit status 1 and one
line naming the array at fault: never a crash, never an answer.

Usage: python3 Benchmarks/check_numpy.py --binary .build/debug/mentor-match [--count 60]
Exit status 0 when every check holds, 1 otherwise.
"""
import argparse
import io
import random
import struct
import subprocess
import sys
import tempfile
import zipfile

import numpy as np
import scipy.sparse as sparse
from scipy.optimize import linear_sum_assignment


def random_problem(rng):
    """(scores with NaN for not allowed, capacities, sense)."""
    n, m = rng.randint(1, 120), rng.randint(1, 40)
    density = rng.choice([0.05, 0.3, 1.0])
    scores = np.where(np.random.default_rng(rng.randint(0, 2**32)).random((n, m)) < density,
                      np.random.default_rng(rng.randint(0, 2**32)).integers(1, 101, (n, m)), np.nan)
    return scores, [rng.randint(1, 3) for _ in range(m)], rng.choice(["maximize", "minimize"])


def write_archive(rng, path, scores, capacity):
    """Writes the problem in one of the ways users do; returns how, and the capacities it carries."""
    n, m = scores.shape
    rows, columns = np.nonzero(~np.isnan(scores))
    values = scores[rows, columns]
    way = rng.choice(["csr", "csc", "coo", "savez-rows", "savez-coordinates", "dense"])
    if way in ("csr", "csc", "coo"):
        matrix = sparse.coo_matrix((values, (rows, columns)), shape=(n, m)).asformat(way)
        sparse.save_npz(path, matrix, compressed=rng.random() < 0.5)
        return way, [1] * m
    index_type = rng.choice(["<i4", "<i8", "<u4", ">i8", "<i2" if max(n, m) < 30000 else "<i4"])
    score_type = rng.choice(["<f8", "<f4", ">f8", "<i8", "<i2", "<u1"])
    save = np.savez_compressed if rng.random() < 0.5 else np.savez
    arrays = {"capacity": np.array(capacity, dtype=rng.choice(["<i8", "<i4", "<u2"]))}
    if way == "savez-rows":
        matrix = sparse.csr_matrix((values, (rows, columns)), shape=(n, m))
        arrays.update(indptr=matrix.indptr.astype(index_type if index_type != "<i2" else "<i8"),
                      indices=matrix.indices.astype(index_type), data=matrix.data.astype(score_type))
        if rng.random() < 0.5:
            arrays["shape"] = np.array([n, m])
    elif way == "savez-coordinates":
        order = list(range(len(rows)))
        rng.shuffle(order)
        arrays.update(row=rows[order].astype(index_type), col=columns[order].astype(index_type),
                      data=values[order].astype(score_type), shape=np.array([n, m]))
    else:
        dense = scores.astype(rng.choice(["<f8", "<f4", ">f8"]))
        arrays["scores"] = np.asfortranarray(dense) if rng.random() < 0.5 else dense
    save(path, **arrays)
    return way, capacity


def scipy_optimum(scores, capacity, sense):
    """(assigned, total) of the best assignment: slot expansion, one private 'unassigned' column
    per mentee costing more than any difference of totals."""
    n = scores.shape[0]
    sign = -1 if sense == "maximize" else 1
    slots = [j for j, c in enumerate(capacity) for _ in range(c)]
    big = (n + 1) * 202
    cost = np.full((n, len(slots) + n), np.inf)
    for column, j in enumerate(slots):
        cost[:, column] = np.where(np.isnan(scores[:, j]), np.inf, sign * scores[:, j] + 101)
    cost[np.arange(n), len(slots) + np.arange(n)] = big
    rows, columns = linear_sum_assignment(cost)
    pairs = [(i, slots[c]) for i, c in zip(rows, columns) if c < len(slots)]
    return len(pairs), sum(scores[i, j] for i, j in pairs)


def check_answer(scores, capacity, sense, solution):
    n, m = scores.shape
    mentee, mentor, score = solution["mentee"], solution["mentor"], solution["score"]
    assert len(set(mentee.tolist())) == len(mentee), "a mentee assigned twice"
    assert all(not np.isnan(scores[i, j]) and scores[i, j] == s for i, j, s in zip(mentee, mentor, score)), "a pair not allowed or mis-scored"
    load = np.bincount(mentor, minlength=m)
    assert (load <= np.array(capacity)).all() and (load == solution["load"]).all(), "loads wrong or over capacity"
    assert sorted(mentee.tolist() + solution["unassigned"].tolist()) == list(range(n)), "mentees missing"
    assert float(solution["objective"]) == score.sum(), "objective is not the sum of the scores"
    assert str(solution["status"]) == "optimal", f"status {solution['status']}"
    assert len(solution["mentee_potential"]) == n and len(solution["mentor_potential"]) == m, "no certificate"
    expected = scipy_optimum(scores, capacity, sense)
    assert (len(mentee), score.sum()) == expected, f"(assigned, total) = {(len(mentee), score.sum())}, scipy says {expected}"


def npy(descr, shape, payload, version=1):
    """A .npy member written by hand (for archives numpy will not write)."""
    header = "{'descr': %s, 'fortran_order': False, 'shape': %s, }" % (descr, shape)
    header += " " * ((64 - (10 + len(header) + 1) % 64) % 64) + "\n"
    size = struct.pack("<H", len(header)) if version == 1 else struct.pack("<I", len(header))
    return b"\x93NUMPY" + bytes([version, 0]) + size + header.encode() + payload


def zip_of(members, compression=zipfile.ZIP_STORED):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def saved(**arrays):
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    return buffer.getvalue()


def malformed_archives():
    """(name, archive bytes, words the one-line error must contain)."""
    indptr, indices, data = np.array([0, 2, 3]), np.array([0, 1, 1]), np.array([5.0, 6.0, 7.0])
    good = dict(indptr=indptr, indices=indices, data=data, shape=np.array([2, 2]))
    f8 = lambda values: np.array(values, dtype="<f8").tobytes()
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, array in good.items():
            if name != "data":
                archive.writestr(f"{name}.npy", _npy_bytes(array))
        with archive.open("data.npy", "w", force_zip64=True) as member:
            member.write(npy("'<f8'", "(3,)", f8([5, 6, 7])))
            zeros = bytes(1 << 20)
            for _ in range(200):  # 200 MB of zeros after the 3 declared values: about 200 KB deflated
                member.write(zeros)
    return [
        ("missing indices", saved(indptr=indptr, data=data, shape=np.array([2, 2])), "has no array 'indices'"),
        ("float indices", saved(**{**good, "indices": indices.astype(float)}), "whole numbers are needed"),
        ("short data", saved(**{**good, "data": data[:2]}), "holds 2 scores for 3 pairs"),
        ("index out of range", saved(**{**good, "indices": np.array([0, 5, 1])}), "which is not a column (0 to 1)"),
        ("NaN score", saved(**{**good, "data": np.array([5.0, np.nan, 7.0])}), "holds nan at position 1"),
        ("infinite dense score", saved(scores=np.array([[1.0, np.inf]])), "use NaN for a pair that is not allowed"),
        ("decreasing indptr", saved(**{**good, "indptr": np.array([0, 3, 2, 3]), "shape": np.array([3, 2])}), "decreases at position 2"),
        ("indptr not ending at the pairs", saved(**{**good, "indptr": np.array([0, 2, 2])}), "must run from 0 to 3"),
        ("not a zip file", b"mentee,mentor\n1,2\n", "is not a numpy archive"),
        ("a bare .npy", _npy_bytes(data), "is not a numpy archive"),
        ("unknown array", saved(**good, capacities=np.array([1, 1])), "has an array 'capacities'"),
        ("bsr matrix", saved(format=np.array(b"bsr"), shape=np.array([2, 2]), data=data, indices=indices, indptr=indptr), "format 'bsr'"),
        ("no scores", saved(capacity=np.array([1])), "holds no scores"),
        ("no shape", saved(indptr=indptr, indices=indices, data=data), "has no array 'shape'"),
        ("dense 1-D", saved(scores=np.array([1.0, 2.0])), "must be 2-D"),
        ("repeated pair", saved(**{**good, "indices": np.array([1, 1, 1])}), "twice"),
        ("demand of another length", saved(**good, demand=np.array([1, 1, 1])), "holds 3 values for 2 mentees"),
        ("negative capacity", saved(**good, capacity=np.array([1, -2])), "must be 0 or more"),
        ("structured type", zip_of({**_members(good), "data.npy": npy("[('a', '<f8')]", "(3,)", f8([5, 6, 7]))}), "structured type"),
        ("object type", zip_of({**_members(good), "data.npy": npy("'|O'", "(3,)", b"")}), "not a plain number"),
        ("values cut short", zip_of({**_members(good), "data.npy": npy("'<f8'", "(3,)", f8([5, 6]))}), "claims 3 values (shape [3]) but its member holds 144 bytes"),
        ("shape larger than memory", zip_of({**_members(good), "data.npy": npy("'<f8'", "(4000000000000,)", b"")}), "holds 4000000000000 values"),
        ("unknown npy version", zip_of({**_members(good), "data.npy": npy("'<f8'", "(3,)", f8([5, 6, 7]), version=9)}), "format version 9"),
        ("zip bomb", bomb.getvalue(), "has more bytes than its 3 values"),
        ("damaged archive", saved(**good)[:-40], "numpy archive"),
        ("damaged values", saved(**good).replace(f8([5, 6, 7]), f8([5, 9, 7])), "array 'data' is damaged: its checksum does not match"),
    ]


def _npy_bytes(array):
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


def _members(arrays):
    return {f"{name}.npy": _npy_bytes(array) for name, array in arrays.items()}


def run(command):
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        raise AssertionError("no answer within 120 s")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()
    rng = random.Random(arguments.seed)
    failures, ways = 0, {}
    with tempfile.TemporaryDirectory() as folder:
        for number in range(arguments.count):
            scores, capacity, sense = random_problem(rng)
            path, out = f"{folder}/problem-{number}.npz", f"{folder}/solution-{number}.npz"
            way, carried = write_archive(rng, path, scores, capacity)
            ways[way] = ways.get(way, 0) + 1
            try:
                result = run([arguments.binary, "solve", path, "--sense", sense, "--out", out])
                assert result.returncode == 0, f"exit {result.returncode}: {result.stderr.strip()}"
                assert result.stdout.count("\n") == 1 and "optimal" in result.stdout, f"summary line: {result.stdout!r}"
                with np.load(out) as solution:
                    check_answer(scores, carried, sense, {name: solution[name] for name in solution.files})
            except AssertionError as error:
                failures += 1
                print(f"problem {number} ({way}, seed {arguments.seed}): {error}", file=sys.stderr)
        malformed = malformed_archives()
        for name, archive, words in malformed:
            path = f"{folder}/malformed.npz"
            with open(path, "wb") as file:
                file.write(archive)
            try:
                result = run([arguments.binary, "solve", path, "--out", f"{folder}/never.npz", "--force"])
                lines = result.stderr.strip().splitlines()
                assert result.returncode == 1, f"exit {result.returncode} (a negative one is a crash): {result.stderr.strip()}"
                assert len(lines) == 1 and "malformed.npz" in lines[0] and words in lines[0], f"expected one line with {words!r}, got {lines}"
            except AssertionError as error:
                failures += 1
                print(f"malformed archive '{name}': {error}", file=sys.stderr)
    print(f"check_numpy: {arguments.count} random archives ({', '.join(f'{k} {v}' for k, v in sorted(ways.items()))}) and "
          f"{len(malformed)} malformed ones, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
