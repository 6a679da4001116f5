#!/usr/bin/python3
"""Side-by-side of lshbench with FAISS on the split a `type = compare` experiment exported.

    /usr/bin/python3 src/bench/faiss_compare.py results/compare-faiss-<stamp>

Reads base.fvecs, query.fvecs, groundtruth.ivecs and lshbench.csv from the folder, measures
FAISS IndexFlatL2 (exact) and IndexLSH (rotate_data, train_thresholds) over a sweep of nbits,
alone (ranked by Hamming distance) and behind IndexRefineFlat (k_factor * 10 candidates reranked
exactly, which is what lshbench's LSH does with its bucket candidates), and writes
faiss.csv, compare.csv and compare.txt into the same folder.

Why the rules below: both sides are timed the way lshbench times (one thread, one query at a
time, after warm-up), and recall@10 is ann-benchmarks' definition lshbench uses (a returned item
counts when it is no farther than the true 10th neighbour), recomputed here from distances so
that both sides are scored by the same code. Needs only the standard library, numpy and faiss
(Debian: apt-get install python3-faiss python3-numpy).
"""

import csv
import json
import os
import sys
import time

import numpy as np
import faiss

TARGETS = (0.8, 0.9, 0.95)
# LSHBENCH_FAISS_NBITS=64,256,1024 narrows the sweep (IndexLSH scans every code per query).
NBITS = tuple(int(b) for b in os.environ.get("LSHBENCH_FAISS_NBITS",
                                             "64,128,256,512,1024,2048,4096").split(","))
K_FACTORS = (2, 4, 8, 16, 32, 64)
WARMUP = 50
DISTANCE_SLACK = 1e-5


def read_vecs(path, dtype):
    raw = np.fromfile(path, dtype=np.int32)
    if raw.size == 0:
        sys.exit("error: %s is empty" % path)
    d = int(raw[0])
    if raw.size % (d + 1) != 0:
        sys.exit("error: %s is not a TEXMEX file (dimension %d)" % (path, d))
    rows = raw.reshape(-1, d + 1)
    if not np.all(rows[:, 0] == d):
        sys.exit("error: %s has vectors of different dimensions" % path)
    return np.ascontiguousarray(rows[:, 1:]).view(dtype)


def sq_dist(base, query, ids):
    """Squared L2 from query to base[ids]; -1 ids (no answer) get +inf."""
    out = np.full(ids.shape, np.inf, dtype=np.float64)
    ok = ids >= 0
    diff = base[ids[ok]] - query
    out[ok] = np.einsum("ij,ij->i", diff, diff, dtype=np.float64)
    return out


def recall_at(base, queries, gt, answers, n):
    """ann-benchmarks' recall@n: share of returned items within the true n-th distance."""
    total = 0.0
    for q in range(len(queries)):
        true_nth = sq_dist(base, queries[q], gt[q, :n])[n - 1]
        threshold = true_nth * (1 + DISTANCE_SLACK) + 1e-12
        total += np.count_nonzero(sq_dist(base, queries[q], answers[q, :n]) <= threshold) / n
    return total / len(queries)


def time_one_by_one(index, queries, n):
    """Mean and median µs per query, one query per call, after WARMUP untimed calls."""
    for q in range(min(WARMUP, len(queries))):
        index.search(queries[q:q + 1], n)
    ids = np.empty((len(queries), n), dtype=np.int64)
    times = np.empty(len(queries))
    for q in range(len(queries)):
        t0 = time.perf_counter_ns()
        _, i = index.search(queries[q:q + 1], n)
        times[q] = (time.perf_counter_ns() - t0) / 1e3
        ids[q] = i[0]
    return ids, float(times.mean()), float(np.median(times))


def measure(name, params, build, base, queries, gt, n, memory, memory_raw):
    t0 = time.perf_counter()
    index = build()
    build_ms = (time.perf_counter() - t0) * 1e3
    ids, mean_us, p50_us = time_one_by_one(index, queries, n)
    row = dict(method=name, params=params, knn_recall=recall_at(base, queries, gt, ids, n),
               query_us_mean=mean_us, query_us_p50=p50_us, qps=1e6 / mean_us,
               build_ms=build_ms, memory_bytes=memory, memory_with_vectors=memory_raw)
    print("[faiss] %-14s %-18s recall@%d %.3f  %8.1f µs/query  build %7.0f ms" % (
        name, params, n, row["knn_recall"], mean_us, build_ms), file=sys.stderr)
    return row, index


def main(argv):
    if len(argv) != 2 or not os.path.isdir(argv[1]):
        sys.exit("usage: /usr/bin/python3 src/bench/faiss_compare.py RUN_FOLDER "
                 "(written by mvn -q exec:java -Dexperiment=compare-faiss)")
    folder = argv[1]
    base = read_vecs(os.path.join(folder, "base.fvecs"), np.float32)
    queries = read_vecs(os.path.join(folder, "query.fvecs"), np.float32)
    gt = read_vecs(os.path.join(folder, "groundtruth.ivecs"), np.int32)
    with open(os.path.join(folder, "meta.json"), encoding="utf-8") as f:
        meta = json.load(f)
    with open(os.path.join(folder, "lshbench.csv"), encoding="utf-8") as f:
        ours = list(csv.DictReader(f))
    n = gt.shape[1]
    nb, d = base.shape
    raw = nb * d * 4
    faiss.omp_set_num_threads(1)
    print("[faiss] %d base × %d, %d queries, top %d; faiss %s, one thread" % (
        nb, d, len(queries), n, faiss.__version__), file=sys.stderr)

    rows = []
    flat_row, flat = measure("flat", "IndexFlatL2", lambda: _flat(base, d), base, queries, gt, n,
                             raw, raw)
    rows.append(flat_row)
    for threads in sorted({1, os.cpu_count() or 1}):
        # Timed like lshbench's batch: the best of five whole-batch calls after three warm-ups.
        faiss.omp_set_num_threads(threads)
        best = float("inf")
        for call in range(8):
            t0 = time.perf_counter_ns()
            flat.search(queries, n)
            if call >= 3:
                best = min(best, time.perf_counter_ns() - t0)
        us = best / 1e3 / len(queries)
        rows.append(dict(flat_row, method="flat-batch", params="%d thread(s)" % threads,
                         query_us_mean=us, query_us_p50=float("nan"), qps=1e6 / us))
        print("[faiss] flat batched, %d thread(s): %.1f µs/query" % (threads, us), file=sys.stderr)
    faiss.omp_set_num_threads(1)

    for nbits in NBITS:
        lsh_mem = nb * ((nbits + 7) // 8) + 4 * d * nbits + 4 * nbits
        try:
            row, lsh = measure("lsh", "nbits=%d" % nbits, lambda: _lsh(base, d, nbits), base,
                               queries, gt, n, lsh_mem, lsh_mem)
        except RuntimeError as e:
            print("[faiss] nbits=%d skipped: %s" % (nbits, str(e).splitlines()[0]), file=sys.stderr)
            continue
        rows.append(row)
        del lsh
        # One refined index per nbits; k_factor is read at search time, so the build is shared.
        t0 = time.perf_counter()
        refined = _refined(base, d, nbits)
        build_ms = (time.perf_counter() - t0) * 1e3
        for kf in K_FACTORS:
            if kf * n > nb:
                continue
            refined.k_factor = kf
            ids, mean_us, p50_us = time_one_by_one(refined, queries, n)
            row = dict(method="lsh+refine", params="nbits=%d kf=%d" % (nbits, kf),
                       knn_recall=recall_at(base, queries, gt, ids, n), query_us_mean=mean_us,
                       query_us_p50=p50_us, qps=1e6 / mean_us, build_ms=build_ms,
                       memory_bytes=lsh_mem, memory_with_vectors=lsh_mem + raw)
            print("[faiss] %-14s %-18s recall@%d %.3f  %8.1f µs/query  build %7.0f ms" % (
                row["method"], row["params"], n, row["knn_recall"], mean_us, build_ms),
                file=sys.stderr)
            rows.append(row)
            if row["knn_recall"] >= 0.995:
                break
        del refined

    with open(os.path.join(folder, "faiss.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    write_comparison(folder, meta, ours, rows, raw, n)


def _flat(base, d):
    index = faiss.IndexFlatL2(d)
    index.add(base)
    return index


def _lsh(base, d, nbits):
    index = faiss.IndexLSH(d, nbits, True, True)  # rotate_data, train_thresholds
    index.train(base)
    index.add(base)
    return index


def _refined(base, d, nbits):
    lsh = faiss.IndexLSH(d, nbits, True, True)
    lsh.train(base)
    index = faiss.IndexRefineFlat(lsh)  # wraps an empty, trained index; add feeds both
    index.add(base)
    index._keep = lsh  # the C++ object must outlive the wrapper
    return index


def fastest(rows, target, methods):
    ok = [r for r in rows if r["method"] in methods and r["knn_recall"] >= target]
    return min(ok, key=lambda r: r["query_us_mean"]) if ok else None


def write_comparison(folder, meta, ours, rows, raw, n):
    exact = next(r for r in ours if r["method"] == "exact")
    ex_us = float(exact["query_us_mean"])
    ours_exact_mem = int(exact["memory_bytes"])
    table = []

    def add(what, ours_cfg, o_recall, o_us, o_build, o_mem, o_mem_raw, f):
        if f is None:
            table.append([what, ours_cfg, "%.3f" % o_recall, "%.1f" % o_us, "not reached"]
                         + [""] * 8)
            return
        table.append([what, ours_cfg, "%.3f" % o_recall, "%.1f" % o_us,
                      "%s %s" % (f["method"], f["params"]), "%.3f" % f["knn_recall"],
                      "%.1f" % f["query_us_mean"],
                      "%.2f" % (f["query_us_mean"] / o_us),  # = QPS lshbench / QPS faiss
                      "%.3f" % (o_recall / f["knn_recall"]),
                      "%.1f" % o_build, "%.1f" % f["build_ms"],
                      _ratio(o_build, f["build_ms"]),
                      "%s / %s" % (_ratio(o_mem, f["memory_bytes"]),
                                   _ratio(o_mem_raw, f["memory_with_vectors"]))])

    flat = next(r for r in rows if r["method"] == "flat")
    add("exact", "scan", float(exact["knn_recall"]), ex_us, 0.0, ours_exact_mem,
        ours_exact_mem + raw, flat)
    # Batched exact search against batched IndexFlatL2 (BLAS sgemm), thread count for thread
    # count, then each side at its fastest thread count.
    ours_batches = [r for r in ours if r["method"] == "exact-batch"]
    faiss_batches = [r for r in rows if r["method"] == "flat-batch"]

    def add_batch(what, o, f):
        add(what, "batch, %s thread(s)" % o["threads"], float(o["knn_recall"]),
            float(o["query_us_mean"]), 0.0, ours_exact_mem, ours_exact_mem + raw, f)

    for f in faiss_batches:
        threads = f["params"].split()[0]
        o = next((b for b in ours_batches if b["threads"] == threads), None)
        if o is not None:
            add_batch("exact batched, %s thread(s) each" % threads, o, f)
    if ours_batches and faiss_batches:
        add_batch("exact batched, each at its best",
                  min(ours_batches, key=lambda r: float(r["query_us_mean"])),
                  min(faiss_batches, key=lambda r: r["query_us_mean"]))
    # Batched LSH (each target's pick, every query in one call) against FAISS's batched exact
    # search at the same thread count: the batch-mode yardstick.
    for o in (r for r in ours if r["method"] == "lsh-batch"):
        f = next((f for f in faiss_batches if f["params"].split()[0] == o["threads"]), None)
        if f is not None:
            mem = int(o["memory_bytes"])
            add("LSH @%s batched, %s thread(s) each, vs exact batched" % (o["target"], o["threads"]),
                "%s k=%s L=%s T=%s R=%s" % (o["family"], o["k"], o["L"], o["probes"],
                                            o["rerank_keep"]),
                float(o["knn_recall"]), float(o["query_us_mean"]), float(o["build_ms"]), mem,
                mem + raw, f)
    for target in TARGETS:
        pick = next((r for r in ours if r["method"] == "pick"
                     and abs(float(r["target"]) - target) < 1e-9), None)
        for methods, label in ((("lsh", "lsh+refine"), "best FAISS LSH"),
                               (("lsh",), "IndexLSH alone")):
            f = fastest(rows, target, methods)
            what = "LSH @%.2f, %s" % (target, label)
            if pick is None or not pick["k"]:
                table.append([what, "not reached", "", "", "%s %s" % (f["method"], f["params"])
                              if f else "not reached"] + [""] * 8)
                continue
            mem = int(pick["memory_bytes"])
            cfg = "k=%s L=%s" % (pick["k"], pick["L"])
            if pick.get("family"):
                cfg = "%s %s%s%s" % (pick["family"], cfg,
                                     " T=%s" % pick["probes"] if pick.get("probes", "0") != "0" else "",
                                     " R=%s" % pick["rerank_keep"]
                                     if pick.get("rerank_keep", "0") not in ("0", "") else "")
            add(what, cfg, float(pick["knn_recall"]),
                float(pick["query_us_mean"]), float(pick["build_ms"]), mem, mem + raw, f)

    header = ["comparison", "lshbench", "recall", "µs/q", "FAISS", "recall", "µs/q",
              "QPS ratio", "recall ratio", "build ms", "FAISS build ms", "build ratio",
              "memory ratio (index / +vectors)"]
    with open(os.path.join(folder, "compare.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(table)
    widths = [max(len(str(row[i])) for row in [header] + table) for i in range(len(header))]
    options = faiss.get_compile_options() if hasattr(faiss, "get_compile_options") else "?"
    lines = ["lshbench vs FAISS %s (build: %s) on %s (%s), %d base x %d, %d queries, recall@%d" % (
        faiss.__version__, options, meta.get("provenance"), meta.get("experiment"), meta["n_base"],
        meta["dim"], meta["n_queries"], n),
        "Ratios are lshbench / FAISS: QPS ratio > 1 means lshbench answers faster; build and "
        "memory ratios > 1 mean lshbench is bigger or slower. One thread, one query at a time "
        "on both sides (FAISS through Python: ~2-5 µs of call overhead per query), except the "
        "batched rows: every query in one call, best of five after three warm-ups. Memory: index structures / and with the raw float32 vectors an exact "
        "rerank needs (IndexLSH alone needs none).",
        ""]
    for row in [header] + table:
        lines.append("  ".join(str(c).ljust(widths[i]) for i, c in enumerate(row)).rstrip())
    text = "\n".join(lines) + "\n"
    with open(os.path.join(folder, "compare.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    print(text)


def _ratio(a, b):
    return "%.2f" % (a / b) if a > 0 and b > 0 else "n/a"


if __name__ == "__main__":
    main(sys.argv)
