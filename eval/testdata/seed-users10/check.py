#!/usr/bin/env python3
"""Checks eval/testdata/seed-users10/questions.json against knowledge/seed (run from the repo root)."""
import datetime, glob, json, re, sys

def norm(s):
    return re.sub(r"[\s\u00a0]+", " ", s).strip()

src = open("knowledge/seed/source.fr.txt", encoding="utf-8").read()
kn = open("knowledge/seed/knowledge.yaml", encoding="utf-8").read()
# events: date -> list of passages (the file's own YAML, parsed by hand: no PyYAML needed)
events = {}
for block in re.split(r"\n  - id: ", kn.split("\nevents:", 1)[1])[1:]:
    date = re.search(r"\n    date: (\S+)", block).group(1).strip('"')
    ps = block.split("\n    passages:\n", 1)[1]
    passages = [json.loads(m) for m in re.findall(r'^      - (".*")$', ps, re.M)]
    events.setdefault(date, []).extend(norm(p) for p in passages)

d = json.load(open("eval/testdata/seed-users10/questions.json", encoding="utf-8"))
qs = d["questions"]
assert len(qs) == 50, len(qs)
ids = [q["id"] for q in qs]
assert len(set(ids)) == 50, "duplicate ids"
existing = set()
for f in ["../shared/eval/questions.json", "../shared/eval/questions-more.json"] + \
         glob.glob("eval/testdata/seed-extra/questions.json") + glob.glob("eval/testdata/seed-users*/questions.json"):
    if "seed-users10" in f:
        continue
    e = json.load(open(f, encoding="utf-8"))
    for q in (e["questions"] if isinstance(e, dict) else e):
        existing.add(q["q"].strip().lower())
assert len(existing) > 500, len(existing)
nkeys = 0
for q in qs:
    assert q["q"].strip().lower() not in existing, ("repeats an existing question", q["id"])
    if not q["answerable"]:
        assert q["dates"] == [] and q["min_dates"] == 0, q["id"]
        continue
    assert q["dates"] and 1 <= q["min_dates"] <= len(q["dates"]), q["id"]
    assert 1 <= len(q["any"]) <= 4, q["id"]
    for dt in q["dates"]:
        assert dt in events, ("not an event date", q["id"], dt)
    if q["cat"] != "range":
        assert len(q["dates"]) <= 3, q["id"]
    for k in q.get("key", []):
        nkeys += 1
        assert k in src, ("key not verbatim in source", q["id"], k)
        assert any(norm(k) in p for dt in q["dates"] for p in events[dt]), ("key outside expected passages", q["id"], k)
# unanswerable dates must have no event
for dt in ["2016-10-04", "2017-03-02"]:
    assert dt not in events, dt
# day counts used in how-many questions
D = datetime.date.fromisoformat
counts = {("2016-10-10", "2016-12-16"): 67, ("2016-11-09", "2017-07-08"): 241, ("2016-09-20", "2016-10-07"): 17,
          ("2016-10-03", "2016-12-16"): 74}
for (a, b), n in counts.items():
    assert (D(b) - D(a)).days == n, (a, b, (D(b) - D(a)).days)
langs = [q["lang"] for q in qs]
print("ok: 50 questions, en=%d fr=%d, unanswerable=%d, %d keys" % (langs.count("en"), langs.count("fr"),
      sum(not q["answerable"] for q in qs), nkeys))
