#!/usr/bin/env python3
"""How far two runs of the same sweep agree on their timings (e.g. one quiet, one under load).

usage: timing_agreement.py RUN_A RUN_B [--min-us 20] [--within 0.15]

Rows are matched by their parameter columns. For every configuration whose CPU median is above
--min-us in run A it prints the share whose CPU medians agree within --within (relative to A),
how far the others moved, the wall-clock ratio B / A (median and range), and, per kNN recall
target 0.8 / 0.9 / 0.95, the fastest configuration of each run (the exact scan competing) with
its rounds' p25-p75. Stdlib only.
"""
import argparse
import csv
import pathlib
import statistics

KEY = ["family", "repeat", "k", "L", "probes", "rerank_keep", "hnsw_m", "hnsw_ef_construction",
       "hnsw_ef"]


def rows(path):
    p = pathlib.Path(path)
    if p.is_dir():
        p = p / "results.csv"
    with p.open(newline="") as f:
        return {tuple(r[c] for c in KEY): r for r in csv.DictReader(f)}


def label(r):
    if r["family"] == "exact":
        return "exact scan"
    if r["family"] == "hnsw":
        return f"hnsw M={r['hnsw_m']} efC={r['hnsw_ef_construction']} ef={r['hnsw_ef']}"
    t = f" T={r['probes']}" if r["probes"] not in ("", "0") else ""
    return f"{r['family']} k={r['k']} L={r['L']}{t}"


def fastest(run, target, clock):
    ok = [r for r in run.values() if float(r["knn_recall"]) >= target]
    return min(ok, key=lambda r: float(r[f"query_{clock}_us"])) if ok else None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("a")
    ap.add_argument("b")
    ap.add_argument("--min-us", type=float, default=20)
    ap.add_argument("--within", type=float, default=0.15)
    args = ap.parse_args()
    a, b = rows(args.a), rows(args.b)
    keys = [k for k in a if k in b]
    clock = next(iter(a.values()))["clock"]
    big = [k for k in keys if float(a[k]["query_cpu_us"]) > args.min_us]
    moved = sorted(((float(b[k]["query_cpu_us"]) / float(a[k]["query_cpu_us"]) - 1, k) for k in big),
                   key=lambda x: -abs(x[0]))
    inside = [m for m in moved if abs(m[0]) <= args.within]
    print(f"{len(keys)} configurations in both runs; {len(big)} above {args.min_us:g} µs (CPU, run A)")
    print(f"CPU medians within {100 * args.within:.0f}%: {len(inside)} of {len(big)} "
          f"({100 * len(inside) / max(1, len(big)):.0f}%)")
    for m, k in moved:
        if abs(m) > args.within:
            print(f"  outside: {label(a[k]):32s} A {float(a[k]['query_cpu_us']):9.1f} µs  "
                  f"B {float(b[k]['query_cpu_us']):9.1f} µs  {100 * m:+.0f}%")
    cpu = [m for m, _ in moved]
    if cpu:
        print(f"CPU B/A: median {1 + statistics.median(cpu):.3f}, range {1 + min(cpu):.3f}–{1 + max(cpu):.3f}")
    wall = [float(b[k]["query_wall_us"]) / float(a[k]["query_wall_us"]) for k in big]
    if wall:
        print(f"wall B/A: median {statistics.median(wall):.3f}, range {min(wall):.3f}–{max(wall):.3f}")
    print(f"fastest per kNN recall target ({clock} clock, median [rounds p25–p75] µs, speed-up):")
    for target in (0.8, 0.9, 0.95):
        cells = []
        for run in (a, b):
            r = fastest(run, target, clock)
            cells.append("none" if r is None else
                         f"{label(r)} {float(r[f'query_{clock}_us']):.1f} "
                         f"[{float(r[f'query_{clock}_us_p25']):.1f}–{float(r[f'query_{clock}_us_p75']):.1f}] "
                         f"{float(r['speedup']):.1f}x")
        print(f"  {target:.2f}  A: {cells[0]}\n        B: {cells[1]}")


if __name__ == "__main__":
    main()
