"""Experiment: matcher with labelled examples as nearest-neighbour evidence."""
import argparse, sys, time
from pathlib import Path
ROOT = Path.cwd()
sys.path.insert(0, str(ROOT)); sys.path.insert(0, str(ROOT / "bench"))
from match_quality import read_set, FIGURES, Row  # noqa
from knowledge.loader import load_knowledge, CONTENT_DIR
import knowledge.matcher as M

def labels(row: Row, acc_w: float):
    e = row.expected
    if e in ("safety_net", "emergency") or e.startswith("urgent:"):
        return {}
    out = {e: 1.0}
    for a in row.acceptable:
        out.setdefault(a, acc_w)
    return out

ap = argparse.ArgumentParser()
ap.add_argument("sets", nargs="+")
ap.add_argument("--examples", default="tests/data/match_tuning.tsv")
ap.add_argument("--upto", type=int, default=0, help="use example rows before this file line")
ap.add_argument("--content", default=str(CONTENT_DIR))
ap.add_argument("--grid", default="")  # k,floor,weight,in,out;...
ap.add_argument("--gate", type=float, default=101)
ap.add_argument("--accw", type=float, default=0.5)
ap.add_argument("--lines", default="", help="from-to file lines of the set to score")
a = ap.parse_args()
M.EXAMPLE_GATE = a.gate
kb = load_knowledge(Path(a.content))
ex_rows = read_set(Path(a.examples))
if a.upto:
    ex_rows = ex_rows[: a.upto - 2]
examples = [(r.text, labels(r, a.accw)) for r in ex_rows]
t = time.time()
base = M.Matcher(kb)
knn = M.Matcher(kb, examples)
print(f"built in {time.time()-t:.1f}s, {len(ex_rows)} examples", flush=True)
def figs(rows, matcher):
    ans = []
    for r in rows:
        m = matcher.match(r.text)
        ans.append((m.triage, [x.id for x in m.matches]))
    return [f(rows, ans) for _, f in FIGURES[:5]], ans
for path in a.sets:
    rows = read_set(Path(path))
    if a.lines:
        lo, hi = map(int, a.lines.split("-"))
        rows = rows[lo - 2: hi - 1]
    f0, ans0 = figs(rows, base)
    print(path, len(rows), "base", " / ".join(f"{x:.1%}" if x is not None else "-" for x in f0), flush=True)
    grid = [tuple(map(float, g.split(","))) for g in a.grid.split(";") if g] or [(M.EXAMPLE_K, M.EXAMPLE_FLOOR, M.EXAMPLE_WEIGHT, M.EXAMPLE_IN, M.EXAMPLE_OUT)]
    for k, fl, w, i, o in grid:
        M.EXAMPLE_K, M.EXAMPLE_FLOOR, M.EXAMPLE_WEIGHT, M.EXAMPLE_IN, M.EXAMPLE_OUT = int(k), fl, w, i, o
        f1, ans1 = figs(rows, knn)
        print(f"  k={int(k)} floor={fl} w={w} in={i} out={o}:", " / ".join(f"{x:.1%}" if x is not None else "-" for x in f1), flush=True)
