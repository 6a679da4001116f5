#!/usr/bin/env python3
"""Checks that two near-duplicate finder runs found the same pairs and groups.

usage: same_dedup.py RUN_A RUN_B   (results/dedup-* folders, e.g. the local and the Spark engine's)

Compares, pair by pair and row by row: stage 1 (candidates.csv: the candidate pairs, their
cosine distances and checks), stage 2 (pairs.csv: the verified pairs with their fits), the
connected components of the verified pairs, and the final groups (groups.csv: members, keep
image, reasons). Prints the counts and every difference (the first 10 of each kind); exits 1
when anything differs.
"""
import csv
import pathlib
import sys


def read(run, name):
    with open(pathlib.Path(run) / name, newline="") as f:
        return list(csv.DictReader(f))


def pair(r):
    return (r["path_a"], r["path_b"])


def components(pairs):
    parent = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        parent[find(a)] = find(b)
    groups = {}
    for x in parent:
        groups.setdefault(find(x), set()).add(x)
    return {frozenset(g) for g in groups.values()}


def groups(rows):
    out = {}
    for r in rows:
        out.setdefault(r["group"], set()).add(r["path"])
    return {frozenset(g) for g in out.values()}


def report(what, a, b, show=10):
    only_a, only_b = a - b, b - a
    same = not only_a and not only_b
    print(f"{what}: {len(a)} and {len(b)}, {len(a & b)} in both, "
          f"{len(only_a)} only in A, {len(only_b)} only in B{'' if same else '  <-- DIFFER'}")
    for tag, items in (("A", only_a), ("B", only_b)):
        for x in sorted(items, key=str)[:show]:
            print(f"  only in {tag}: {sorted(x) if isinstance(x, frozenset) else x}")
    return same


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    a, b = sys.argv[1:]
    ok = True
    ca, cb = read(a, "candidates.csv"), read(b, "candidates.csv")
    ok &= report("stage 1 candidate pairs", {pair(r) for r in ca}, {pair(r) for r in cb})
    ok &= report("stage 1 rows (distance and check, every column)",
                 {tuple(r.values()) for r in ca}, {tuple(r.values()) for r in cb}, 5)
    pa, pb = read(a, "pairs.csv"), read(b, "pairs.csv")
    ok &= report("stage 2 verified pairs", {pair(r) for r in pa}, {pair(r) for r in pb})
    ok &= report("stage 2 rows (the fit, every column)",
                 {tuple(r.values()) for r in pa}, {tuple(r.values()) for r in pb}, 5)
    ok &= report("connected components of the verified pairs",
                 components(pair(r) for r in pa), components(pair(r) for r in pb))
    ga, gb = read(a, "groups.csv"), read(b, "groups.csv")
    ok &= report("groups (members)", groups(ga), groups(gb))
    ok &= report("groups.csv rows (keep, reason, every column)",
                 {tuple(r.values()) for r in ga}, {tuple(r.values()) for r in gb}, 5)
    print("same pairs and groups" if ok else "DIFFERENT")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
