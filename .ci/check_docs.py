#!/usr/bin/env python3
"""Runs the commands the docs show and checks that they print what the docs say.

1. README.md, "A coordinator's quick start": every command of the shell block runs as written
   (in a fresh folder, the tool on PATH) and exits with status 0.
2. RosterReference.md (MentorMatchRoster's DocC catalog), "Running a program over a year": in a
   copy of the bundled New England roster, each code block whose first line is a `mentor-match`
   command is run in turn, and the rest of the block must be what it prints on standard output:
   the printed lines from the one that starts as the block's first line does (up to its first
   digit) to the next blank line, or, when the block ends with a line "...", as many as it
   shows. The
   prose's `grep -v ...` step (a mentor leaving) is run where the prose gives it.

Usage: python3 .ci/check_docs.py --binary .build/debug/mentor-match [--write]
--write puts the printed output into RosterReference.md instead of comparing (then review the
diff). Exit status 0 when everything holds, 1 otherwise.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REFERENCE = os.path.join(ROOT, "Sources/MentorMatchRoster/MentorMatchRoster.docc/RosterReference.md")


def run(command, folder, binary):
    environment = dict(os.environ, PATH=os.path.dirname(binary) + os.pathsep + os.environ["PATH"])
    return subprocess.run(command, shell=True, cwd=folder, env=environment, capture_output=True, text=True, timeout=600)


def section(text, heading):
    start = text.index(heading)
    following = text.find("\n## ", start + len(heading))
    return start, (following if following >= 0 else len(text))


def readme_quick_start(binary, failures):
    with open(os.path.join(ROOT, "README.md")) as file:
        text = file.read()
    start, end = section(text, "## A coordinator's quick start")
    block = re.search(r"```sh\n(.*?)```", text[start:end], re.S).group(1)
    commands = [line for line in block.replace("\\\n", " ").splitlines() if line.strip() and not line.lstrip().startswith("#")]
    commands = [command for command in commands if not command.startswith("swift build")]  # the binary is given
    with tempfile.TemporaryDirectory() as folder:
        for command in commands:
            result = run(command, folder, binary)
            if result.returncode != 0:
                failures.append(f"README: `{command}` exited {result.returncode}: {result.stderr.strip()[-300:]}")
    return len(commands)


def excerpt(printed, shown, cut):
    """The printed lines a block shows: from the first line that starts as the block's first line
    does (up to its first digit, where figures begin), to the next blank line or the end; only as
    many as the block holds when it is cut short with "..."."""
    anchor = re.split(r"\d", shown[0], maxsplit=1)[0] if shown else ""
    start = next((index for index, line in enumerate(printed) if line.startswith(anchor)), 0)
    end = next((index for index in range(start, len(printed)) if not printed[index].strip()), len(printed))
    return printed[start:start + len(shown)] if cut else printed[start:end]


def walkthrough(binary, write, failures):
    with open(REFERENCE) as file:
        text = file.read()
    start, end = section(text, "## Running a program over a year")
    part = text[start:end]
    steps = []  # (position in part, kind, content)
    for match in re.finditer(r"```\n(mentor-match [^\n]*)\n(.*?)```", part, re.S):
        steps.append((match.start(), "block", match))
    for match in re.finditer(r"`(grep -v [^`]*)`", part):
        steps.append((match.start(), "shell", match))
    steps.sort(key=lambda step: step[0])
    replaced = part
    compared = 0
    with tempfile.TemporaryDirectory() as folder:
        for name in ("mentors.csv", "mentees.csv", "config.json"):
            shutil.copy(os.path.join(ROOT, "Datasets/new-england-prevention", name), folder)
        for _, kind, match in steps:
            if kind == "shell":
                result = run(match.group(1), folder, binary)
                if result.returncode != 0:
                    failures.append(f"RosterReference: `{match.group(1)}` exited {result.returncode}")
                continue
            command, shown = match.group(1), match.group(2).splitlines()
            result = run(command, folder, binary)
            if result.returncode != 0:
                failures.append(f"RosterReference: `{command}` exited {result.returncode}: {result.stderr.strip()[-300:]}")
                continue
            printed = result.stdout.rstrip("\n").splitlines()
            cut = bool(shown) and shown[-1].strip() == "..."
            expected = shown[:-1] if cut else shown
            actual = excerpt(printed, expected, cut)
            compared += 1
            if write:
                body = "\n".join(actual + (["..."] if cut else [])) + "\n"
                replaced = replaced.replace(match.group(0), f"```\n{command}\n{body}```", 1)
            elif actual != expected:
                first = next((i for i, (a, b) in enumerate(zip(actual, expected)) if a != b), min(len(actual), len(expected)))
                failures.append(f"RosterReference: `{command}` printed, at line {first + 1}:\n  "
                                + (actual[first] if first < len(actual) else "(nothing)") + "\nwhere the docs show:\n  "
                                + (expected[first] if first < len(expected) else "(nothing)"))
    if write and replaced != part:
        with open(REFERENCE, "w") as file:
            file.write(text[:start] + replaced + text[end:])
        print(f"check_docs: wrote the outputs into {os.path.relpath(REFERENCE, ROOT)}")
    return compared


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--binary", required=True)
    parser.add_argument("--write", action="store_true")
    arguments = parser.parse_args()
    binary = os.path.abspath(arguments.binary)
    failures = []
    commands = readme_quick_start(binary, failures)
    blocks = walkthrough(binary, arguments.write, failures)
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    print(f"check_docs: README quick start ({commands} commands), RosterReference walk-through ({blocks} outputs): {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
