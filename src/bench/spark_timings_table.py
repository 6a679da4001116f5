"""The table of src/bench/spark-timings.sh from its raw file: python3 spark_timings_table.py RAW"""
import re, statistics, sys

rows = []
for line in open(sys.argv[1]):
    if line.startswith("RESULT "):
        rows.append(dict(re.findall(r"(\w+)=(\S+)", line)))
def label(r):
    cores = len(r["taskset"].split(","))
    what = f"Spark {r['where']}" if r["engine"] == "spark" else f"local engine, {cores} thread{'s' if cores > 1 else ''}"
    return f"{what} (cpus {r['taskset']})"
order = []
for r in rows:
    if label(r) not in order:
        order.append(label(r))
def cell(vals):
    vals = [float(v) for v in vals if v != "NaN"]
    if not vals:
        return "—"
    return f"{statistics.median(vals):.1f} ({min(vals):.1f}–{max(vals):.1f})"
print()
print(f"images {rows[0]['images']}, ground truth {rows[0]['queries']} queries × {rows[0]['members']} members; "
      f"wall seconds, median (min–max) of {max(int(r['repeat']) for r in rows)} runs")
head = ["configuration", "embed", "images/s", "ground truth", "session start", "parquet"]
print("| " + " | ".join(head) + " |")
print("|" + "---|" * len(head))
med = {}
for name in order:
    rs = [r for r in rows if label(r) == name]
    e = statistics.median(float(r["embed_s"]) for r in rs)
    med[name] = (e, statistics.median(float(r["truth_s"]) for r in rs))
    print(f"| {name} | {cell(r['embed_s'] for r in rs)} | {int(rs[0]['images']) / e:.0f} | "
          f"{cell(r['truth_s'] for r in rs)} | {cell(r['session_s'] for r in rs)} | "
          f"{cell(r['parquet_s'] for r in rs)} |")
print()
for cores in ("0", "0,1"):
    sp = [n for n in order if n.startswith("Spark") and n.endswith(f"(cpus {cores})")]
    lo = [n for n in order if n.startswith("local") and n.endswith(f"(cpus {cores})")]
    if sp and lo:
        (se, st), (le, lt) = med[sp[0]], med[lo[0]]
        print(f"cpus {cores}: Spark/local embed {se / le:.2f}x, ground truth {st / lt:.2f}x "
              f"(session start not included)")
