#!/usr/bin/env python3
"""Checks the cluster batches against one-machine `mentor-match batch`, byte for byte.

1. `batch --shard K/N` for every K, then `merge` (shards in a shuffled order), for several N:
   the merged file equals one `batch` run and the exit status too; and merge refuses a missing,
   repeated, cut or foreign shard.
2. `Distributed/dask_batch.py` on a Dask cluster of a scheduler and two worker processes started
   here: one worker is killed (SIGKILL) while the run is in flight, and the output still equals
   one `batch` run, with the same exit status; then once more on a local cluster (--local-workers 2).
3. `split` of random problems with several independent parts (JSON and numpy archives), the parts
   solved by `batch --certificates` in shards, put together by `merge --problem` (which proves
   every part and the whole): the objective, pair count and status of `solve` on the whole
   problem; and merge refuses answers without certificates, too few answers, and the answers of
   another problem's parts.

Usage: python3 Distributed/check_distributed.py --binary .build/debug/mentor-match
Exit status 0 when every check holds, 1 otherwise.
"""
import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def write_problems(path, count, rng):
    """count lines: problems of up to 60 x 30 dense scores, a few blank lines and broken ones."""
    with open(path, "w") as file:
        for number in range(count):
            if number % 17 == 5:
                file.write("\n")
            elif number % 23 == 7:
                file.write('{"mentees": [\n')
            else:
                n, m = rng.randint(1, 60), rng.randint(1, 30)
                file.write(json.dumps({"mentees": [{"id": f"e{i}"} for i in range(n)],
                                       "mentors": [{"id": f"m{j}", "capacity": rng.randint(1, 3)} for j in range(m)],
                                       "scores": [[rng.randint(0, 99) for _ in range(m)] for _ in range(n)]}) + "\n")


def run(command, **options):
    return subprocess.run(command, capture_output=True, timeout=600, **options)


def check(condition, message, failures):
    if not condition:
        failures.append(message)
        print(f"FAILED: {message}", file=sys.stderr)


def shards_and_merge(binary, folder, problems, whole, rng, failures):
    for count in (1, 3, 7):
        files = []
        for index in range(1, count + 1):
            files.append(f"{folder}/shard-{index}-of-{count}.jsonl")
            run([binary, "batch", problems, "--shard", f"{index}/{count}", "--out", files[-1], "--force"])
        shuffled = files[:]
        rng.shuffle(shuffled)
        merged = run([binary, "merge", *shuffled])
        check(merged.stdout == whole.stdout and merged.returncode == whole.returncode,
              f"merge of {count} shards differs from one batch run (exit {merged.returncode})", failures)
        if count == 3:
            refusals = {
                "missing": [files[0], files[2]],
                "repeated": [files[0], files[0], files[1], files[2]],
            }
            cut = f"{folder}/cut.jsonl"
            with open(files[1], "rb") as source, open(cut, "wb") as target:
                target.write(b"".join(source.readlines()[:-1]))
            refusals["cut"] = [files[0], cut, files[2]]
            other = f"{folder}/other.jsonl"
            with open(problems, "rb") as source, open(other, "wb") as target:
                target.write(source.read() + b"\n")
            foreign = f"{folder}/foreign.jsonl"
            run([binary, "batch", other, "--shard", "2/3", "--out", foreign, "--force"])
            refusals["foreign"] = [files[0], foreign, files[2]]
            for name, given in refusals.items():
                result = run([binary, "merge", *given])
                check(result.returncode == 1 and not result.stdout and b"merge:" in result.stderr,
                      f"merge accepted a {name} shard: exit {result.returncode}, {result.stderr!r}", failures)


def dask_with_a_lost_worker(binary, folder, problems, whole, failures):
    scheduler_file = f"{folder}/scheduler.json"
    scheduler = subprocess.Popen(["dask", "scheduler", "--scheduler-file", scheduler_file, "--no-dashboard", "--host", "127.0.0.1"],
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers = []
    try:
        for _ in range(100):
            if os.path.exists(scheduler_file):
                break
            time.sleep(0.1)
        with open(scheduler_file) as file:
            address = json.load(file)["address"]
        workers = [subprocess.Popen(["dask", "worker", address, "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for _ in range(2)]
        from dask.distributed import Client
        with Client(address, timeout="30s") as watcher:
            watcher.wait_for_workers(2, timeout=60)
            pids = watcher.run(os.getpid)  # worker address -> process id (no nanny: our processes)
            out = f"{folder}/dask.jsonl"
            driver = subprocess.Popen([sys.executable, f"{HERE}/dask_batch.py", problems, "--out", out, "--scheduler", address,
                                       "--binary", binary, "--chunk-lines", "3", "--force"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
            killed = None
            while killed is None and driver.poll() is None:
                busy = [worker for worker, keys in watcher.processing().items() if keys and worker in pids]
                if busy:
                    killed = (busy[0], len(watcher.processing()[busy[0]]))
                    os.kill(pids[busy[0]], signal.SIGKILL)  # the worker dies with chunks in hand
                time.sleep(0.02)
            _, stderr = driver.communicate(timeout=600)
        check(killed is not None, "the Dask run ended before a worker was killed: nothing was lost", failures)
        with open(out, "rb") as file:
            check(file.read() == whole.stdout and driver.returncode == whole.returncode,
                  f"dask_batch with a lost worker differs from one batch run (exit {driver.returncode}): {stderr[-300:]!r}", failures)
    finally:
        for process in workers + [scheduler]:
            process.kill()
            process.wait()
    local = run([sys.executable, f"{HERE}/dask_batch.py", problems, "--out", f"{folder}/local.jsonl", "--local-workers", "2", "--binary", binary])
    with open(f"{folder}/local.jsonl", "rb") as file:
        check(file.read() == whole.stdout and local.returncode == whole.returncode,
              f"dask_batch on a local cluster differs from one batch run (exit {local.returncode})", failures)


def write_split_problem(path, rng, index):
    """A problem of several blocks of people with pairs only inside a block (some people have
    none), capacities 0 to 3: JSON edges, or every third one a numpy archive (CSR, minimized)."""
    mentees, mentors, edges = [], [], []
    for block in range(rng.randint(2, 6)):
        block_mentees = [len(mentees) + i for i in range(rng.randint(1, 12))]
        block_mentors = [len(mentors) + j for j in range(rng.randint(1, 5))]
        mentees += block_mentees
        mentors += block_mentors
        for i in block_mentees:
            if rng.random() < 0.1:
                continue
            edges += [(i, j, rng.randint(-5, 40)) for j in block_mentors if rng.random() < 0.6]
    capacity = [rng.randint(0, 3) for _ in mentors]
    if index % 3 == 2:
        import numpy
        import scipy.sparse
        rows, cols, data = zip(*edges) if edges else ((), (), ())
        matrix = scipy.sparse.csr_matrix((numpy.array(data, dtype=numpy.float64), (numpy.array(rows, dtype=numpy.int64), numpy.array(cols, dtype=numpy.int64))),
                                         shape=(len(mentees), len(mentors)))
        numpy.savez(path, indptr=matrix.indptr, indices=matrix.indices, data=matrix.data, shape=numpy.array(matrix.shape), capacity=numpy.array(capacity))
        return ["--sense", "minimize"]
    with open(path, "w") as file:
        json.dump({"sense": "maximize" if index % 2 == 0 else "minimize",
                   "mentees": [{"id": f"e{i}"} for i in mentees],
                   "mentors": [{"id": f"m{j}", "capacity": capacity[j]} for j in mentors],
                   "edges": [{"mentee": f"e{i}", "mentor": f"m{j}", "score": score} for i, j, score in edges]}, file)
    return []


def split_and_merge(binary, folder, rng, failures):
    def answer(path):
        with open(path) as file:
            document = json.load(file)
        # Among equally good answers the pairs may differ (the solver's choice among ties follows
        # a part's density): the optimum, the pair count and the status must agree.
        return {key: document[key] for key in ("objective", "assigned", "status")}

    several = 0
    for index in range(12):
        problem = f"{folder}/split-{index}." + ("npz" if index % 3 == 2 else "json")
        sense = write_split_problem(problem, rng, index)
        run([binary, "solve", problem, *sense, "--out", f"{folder}/whole-{index}.json", "--force"])
        parts = f"{folder}/parts-{index}.jsonl"
        result = run([binary, "split", problem, *sense, "--out", parts, "--force"])
        check(result.returncode == 0, f"split of problem {index}: exit {result.returncode}, {result.stderr!r}", failures)
        with open(parts) as file:
            part_count = len(file.readlines())
        several += part_count > 1
        for count in (1, 3):
            shards = [f"{folder}/parts-{index}-{k}-of-{count}.jsonl" for k in range(1, count + 1)]
            for k, shard in enumerate(shards, 1):
                run([binary, "batch", parts, "--certificates", "--shard", f"{k}/{count}", "--out", shard, "--force"])
            merged = f"{folder}/merged-{index}-{count}.json"
            result = run([binary, "merge", *shards, "--problem", problem, *sense, "--out", merged, "--force"])
            check(result.returncode == 0 and answer(merged) == answer(f"{folder}/whole-{index}.json"),
                  f"problem {index}: split, {count} shards, merge --problem differs from solve (exit {result.returncode}, {result.stderr!r})", failures)
        if index == 0:
            plain = f"{folder}/plain.jsonl"
            run([binary, "batch", parts, "--out", plain, "--force"])
            with_certificates = f"{folder}/certified.jsonl"
            run([binary, "batch", parts, "--certificates", "--out", with_certificates, "--force"])
            short = f"{folder}/short.jsonl"
            with open(with_certificates, "rb") as source, open(short, "wb") as target:
                target.write(b"".join(source.readlines()[:-1]))
            refusals = {"answers without certificates": (plain, "--certificates"), "too few answers": (short, "parts of")}
            for name, (given, words) in refusals.items():
                result = run([binary, "merge", given, "--problem", problem, *sense])
                check(result.returncode == 1 and not result.stdout and words.encode() in result.stderr,
                      f"merge --problem accepted {name}: exit {result.returncode}, {result.stderr!r}", failures)
        if index == 1:
            result = run([binary, "merge", f"{folder}/certified.jsonl", "--problem", problem])
            check(result.returncode == 1 and not result.stdout, f"merge --problem accepted another problem's answers: exit {result.returncode}", failures)
    check(several >= 10, f"only {several} of 12 split problems had several parts", failures)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--seed", type=int, default=2026)
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    rng = random.Random(arguments.seed)
    failures = []
    with tempfile.TemporaryDirectory() as folder:
        problems = f"{folder}/problems.jsonl"
        write_problems(problems, 300, rng)
        whole = run([binary, "batch", problems])
        check(whole.returncode == 1 and whole.stdout.count(b"\n") > 250, f"one batch run: exit {whole.returncode}", failures)
        shards_and_merge(binary, folder, problems, whole, rng, failures)
        dask_with_a_lost_worker(binary, folder, problems, whole, failures)
        split_and_merge(binary, folder, rng, failures)
    print(f"check_distributed: shards and merge (1, 3, 7 shards; 4 refusals), Dask with a worker killed mid-run, "
          f"Dask on a local cluster, split and merge --problem (12 problems; 3 refusals): {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
