"""Writes problem.json: a synthetic peer-support mentoring problem (see README.md beside this file).

Run: python3 Datasets/peer-support-sites/make.py  (deterministic: the same file every time)
"""
import json
import pathlib
import random

SETTINGS = ["diversion", "alternatives-to-incarceration", "child-welfare", "reentry", "treatment-court"]
rng = random.Random(2026)

mentors = []
for index, setting in enumerate(SETTINGS + ["diversion"]):
    mentors.append({"id": f"site-{chr(ord('A') + index)}", "capacity": rng.choice([2, 3]), "setting": setting})
mentees = [{"id": f"program-{index:02d}", "setting": rng.choice(SETTINGS)} for index in range(1, 16)]

scores = []
for mentee in mentees:
    row = []
    for mentor in mentors:
        # Same setting weighs most; a random "fit" stands for the other traits a program weighs.
        score = (6 if mentee["setting"] == mentor["setting"] else 0) + rng.randint(0, 4)
        row.append(score)
    scores.append(row)
# Two programs are too far from one site to travel: not allowed.
scores[3][5] = None
scores[11][0] = None

problem = {
    "sense": "maximize",
    "mentors": [{"id": m["id"], "capacity": m["capacity"]} for m in mentors],
    "mentees": [{"id": m["id"]} for m in mentees],
    "scores": scores,
    "locked": [{"mentee": "program-07", "mentor": "site-C"}],
    "forbidden": [{"mentee": "program-02", "mentor": "site-B"}],
}
path = pathlib.Path(__file__).with_name("problem.json")
path.write_text(json.dumps(problem, indent=1) + "\n")
print(f"wrote {path}: {len(mentees)} mentees, {len(mentors)} mentors, capacity {sum(m['capacity'] for m in mentors)}")
