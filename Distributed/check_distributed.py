#!/usr/bin/env python3
"""Checks the cluster batches against one-machine `mentor-match batch`, byte for byte.

1. `batch --shard K/N` for every K, then `merge` (shards in a shuffled order), for several N:
   the merged file equals one `batch` run and the exit status too; and merge refuses a missing,
   repeated, cut or foreign shard.
2. `Distributed/dask_batch.py` on a Dask cluster of a scheduler and two worker processes started
   here: one worker is killed (SIGKILL) while the run is in flight, and the output still equals
   one `batch` run, with the same exit status; then once more on a local cluster (--local-workers 2).

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
    print(f"check_distributed: shards and merge (1, 3, 7 shards; 4 refusals), Dask with a worker killed mid-run, "
          f"Dask on a local cluster: {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
