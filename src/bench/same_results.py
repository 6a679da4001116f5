#!/usr/bin/env python3
"""Checks that two runs' results.csv agree in every column that is not a timing.

usage: same_results.py RUN_A RUN_B [--skip-family NAME ...]   (run folders, or results.csv files)

Timing columns are the ones ResultColumns.TIMING names; rows are matched by their parameter
columns, so the order rows were written in does not matter. Exits 1 and lists the first
differences when they disagree. --skip-family leaves a family's rows out of the value check
(hnsw: its graph is built on all cores, so it is not reproducible run to run).
"""
import csv
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parents[2]
SOURCE = HERE / "src/main/java/lshbench/experiment/ResultColumns.java"
KEY = ["family", "repeat", "k", "L", "probes", "rerank_keep", "hnsw_m", "hnsw_ef_construction",
       "hnsw_ef", "hash_seed"]


def timing_columns():
    text = SOURCE.read_text()
    names = dict(re.findall(r'static final String (\w+) = "([^"]+)"', text))
    body = re.search(r"TIMING = Set\.of\(([^;]*)\);", text, re.S).group(1)
    return {names[n] for n in re.findall(r"\w+", body)}


def rows(path):
    p = pathlib.Path(path)
    if p.is_dir():
        p = p / "results.csv"
    with p.open(newline="") as f:
        return list(csv.DictReader(f))


def main(a, b, skip=()):
    timing = timing_columns()
    ra, rb = rows(a), rows(b)
    key = lambda r: tuple(r.get(c, "") for c in KEY)
    ia, ib = {key(r): r for r in ra}, {key(r): r for r in rb}
    problems = []
    if len(ia) != len(ra) or len(ib) != len(rb):
        problems.append("duplicate parameter rows")
    for k in sorted(set(ia) ^ set(ib)):
        problems.append(f"row {k} only in {'A' if k in ia else 'B'}")
    compared = 0
    skipped = sum(1 for k in set(ia) & set(ib) if k[0] in skip)
    for k in sorted(set(ia) & set(ib)):
        if k[0] in skip:
            continue
        for c in ia[k]:
            if c in timing:
                continue
            compared += 1
            if ia[k][c] != ib[k].get(c):
                problems.append(f"row {k}: {c} = {ia[k][c]} vs {ib[k].get(c)}")
    cols = [c for c in ra[0] if c not in timing] if ra else []
    print(f"{len(ia)} rows x {len(cols)} non-timing columns compared ({compared} values), "
          f"{len(timing)} timing columns skipped"
          + (f", {skipped} rows of {', '.join(skip)} present in both but not compared" if skip else "")
          + f": {len(problems)} differences")
    for p in problems[:20]:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    skip = [args[i + 1] for i, x in enumerate(args) if x == "--skip-family"]
    runs = [x for i, x in enumerate(args) if x != "--skip-family" and (i == 0 or args[i - 1] != "--skip-family")]
    sys.exit(main(runs[0], runs[1], skip))
