#!/usr/bin/env python3
"""Runs `mentor-match batch` over a Dask cluster; the output is byte for byte what one machine writes.

The input (one problem JSON per line) is cut into chunks at line boundaries; each chunk is solved on
a worker by the command-line tool (`mentor-match batch CHUNK --first-line N`, so that results keep
the line numbers of the whole file), and the results are joined in input order. A worker lost
mid-run loses nothing: Dask runs its chunks again elsewhere (a chunk is a pure function of its
lines). The exit status is batch's: 0, or 1 when any line failed (its output line holds the error);
2 for a problem with the run itself (a missing binary, an unreachable scheduler).

Usage:
  python3 Distributed/dask_batch.py IN.jsonl --out OUT.jsonl [--scheduler tcp://HOST:PORT | --local-workers N]
      [--binary PATH] [--solver NAME] [--chunk-lines L] [--force]

Without --scheduler it starts a local cluster of --local-workers processes (default: the cores).
The workers must be able to run --binary (default: mentor-match on their PATH).
"""
import argparse
import os
import subprocess
import sys
import tempfile


def solve_chunk(chunk, binary, solver):
    """Solves one chunk on a worker: (output bytes, batch's exit status)."""
    first_line, text = chunk
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as file:
        file.write(text)
        file.flush()
        result = subprocess.run([binary, "batch", file.name, "--first-line", str(first_line), "--solver", solver], capture_output=True)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{binary} batch failed on the chunk from line {first_line} (exit {result.returncode}): "
                           + result.stderr.decode(errors="replace").strip())
    return result.stdout, result.returncode


def chunks(data, lines_per_chunk):
    """(first line number, bytes) of consecutive runs of lines_per_chunk lines, cut after a newline."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()  # the final newline ends the last line; it does not start one
    return [(start + 1, b"\n".join(lines[start:start + lines_per_chunk]) + b"\n")
            for start in range(0, len(lines), lines_per_chunk)]


def fail(message):
    print(f"dask_batch: {message}", file=sys.stderr)
    sys.exit(2)


def write_atomically(path, data, input_path, force):
    if os.path.exists(path) and os.path.samefile(path, input_path):
        fail(f"{path}: refusing to write over the input file")
    if os.path.exists(path) and not force:
        fail(f"{path}: the file exists; give --force to replace it")
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile(dir=folder, delete=False) as file:
        file.write(data)
    os.replace(file.name, path)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("input")
    parser.add_argument("--out", required=True)
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", help="address of a running Dask scheduler, tcp://HOST:PORT")
    where.add_argument("--local-workers", type=int, default=os.cpu_count(), help="worker processes of a local cluster")
    parser.add_argument("--binary", default="mentor-match")
    parser.add_argument("--solver", default="hungarian")
    parser.add_argument("--chunk-lines", type=int, default=None, help="lines per task (default: about 4 tasks per worker)")
    parser.add_argument("--force", action="store_true", help="replace --out if it exists")
    arguments = parser.parse_args()
    if arguments.local_workers is not None and arguments.local_workers < 1:
        parser.error("--local-workers must be 1 or more")
    if arguments.chunk_lines is not None and arguments.chunk_lines < 1:
        parser.error("--chunk-lines must be 1 or more")
    with open(arguments.input, "rb") as file:
        data = file.read()

    from dask.distributed import Client, LocalCluster
    cluster = None
    if arguments.scheduler:
        client = Client(arguments.scheduler, timeout="30s")
    else:
        cluster = LocalCluster(n_workers=arguments.local_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        line_count = data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)
        per_chunk = arguments.chunk_lines or max(1, -(-line_count // (4 * workers)))
        parts = chunks(data, per_chunk)
        futures = client.map(solve_chunk, parts, binary=os.path.abspath(arguments.binary) if os.sep in arguments.binary else arguments.binary,
                             solver=arguments.solver, pure=True)
        results = client.gather(futures)
    except (RuntimeError, OSError) as error:
        fail(error)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    write_atomically(arguments.out, b"".join(output for output, _ in results), arguments.input, arguments.force)
    failed = sum(1 for output, status in results if status == 1)
    print(f"dask_batch: wrote {arguments.out} ({len(parts)} chunks on {workers} workers)", file=sys.stderr)
    if failed:
        print(f"dask_batch: {failed} chunk(s) hold failed lines (their output lines hold the errors)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
