#!/usr/bin/env bash
# Wall time of embedding an image folder and of its exact ground truth, local engine against
# Spark at the same core count:
#
#   local engine, 1 core    taskset -c 0     threads=1 (decode threads follow the cores: 1)
#   local engine, 2 cores   taskset -c 0,1   threads=2 (2 decode threads)
#   Spark local[1]          taskset -c 0     one task slot
#   Spark local[2]          taskset -c 0,1   two task slots
#
# Each run is a new JVM (EngineTimings) embedding into a new empty temporary cache, so every
# embedding is computed; the Spark session's start plus a first trivial job is timed apart
# (session_s), as is the Parquet table (parquet_s). The four configurations are interleaved,
# the order rotating each repeat, so load bursts spread over all of them; medians and the
# min-max spread are printed with the load average at start and end. Raw lines go to
# results/spark-timings-<time>.txt.
#
#   src/bench/spark-timings.sh                              # caltech101, 2 repeats
#   REPEATS=3 src/bench/spark-timings.sh caltech101 images.per.category=20
#
# Costs 4 x REPEATS embeddings of the folder (Caltech101 whole: ~1-5 min each on this box).
set -euo pipefail
cd "$(dirname "$0")/../.."
experiment="${1:-caltech101}"
shift || true
extra=("$@")
repeats="${REPEATS:-2}"
source src/bench/spark-java.sh
mkdir -p results
raw="results/spark-timings-$(date -u +%Y%m%d-%H%M%S).txt"
start_load="$(uptime | sed 's/.*load average: //')"
echo "[timings] $(date -u +%FT%TZ) start, load average: $start_load (cores: $(nproc))" | tee "$raw"
configs=("local 0 threads=1" "spark 0 spark.master=local[1]" "local 0,1 threads=2" "spark 0,1 spark.master=local[2]")
for ((r = 0; r < repeats; r++)); do
  for ((i = 0; i < ${#configs[@]}; i++)); do
    read -r engine cpus setting <<<"${configs[$(((i + r) % ${#configs[@]}))]}"
    props=()
    args=("${extra[@]+"${extra[@]}"}")
    if [ "$engine" = spark ]; then props=("-D$setting"); else args+=("$setting"); fi
    echo "[timings] repeat $((r + 1))/$repeats: $engine on cpus $cpus ($setting), load $(uptime | sed 's/.*load average: //')" >&2
    line=$(pinned_spark_java "$cpus" "${props[@]+"${props[@]}"}" lshbench.spark.EngineTimings \
        "$engine" "$experiment" "${args[@]+"${args[@]}"}" 2> >(grep -E '^\[|error' >&2) \
        | grep '^RESULT') || { echo "[timings] the $engine run on cpus $cpus failed" >&2; exit 1; }
    echo "$line repeat=$((r + 1)) taskset=$cpus" | tee -a "$raw"
  done
done
end_load="$(uptime | sed 's/.*load average: //')"
echo "[timings] $(date -u +%FT%TZ) end, load average: $end_load" | tee -a "$raw"
python3 - "$raw" <<'PY'
import statistics, sys
rows = []
for line in open(sys.argv[1]):
    if line.startswith("RESULT "):
        rows.append(dict(kv.split("=", 1) for kv in line.split()[1:]))
def label(r):
    return f"{'Spark ' + r['where'] if r['engine'] == 'spark' else 'local engine, ' + r['where']} (cpus {r['taskset']})"
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
PY
echo "[timings] load average: start $start_load, end $end_load; raw lines in $raw"
