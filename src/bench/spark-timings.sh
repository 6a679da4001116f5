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
# results/spark-timings-<time>.txt; src/bench/spark_timings_table.py prints the table again.
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
        "$engine" "$experiment" "${args[@]+"${args[@]}"}" 2> >(grep --line-buffered -E '^\[|error' >&2) \
        | grep '^RESULT') || { echo "[timings] the $engine run on cpus $cpus failed" >&2; exit 1; }
    echo "$line repeat=$((r + 1)) taskset=$cpus" | tee -a "$raw"
  done
done
end_load="$(uptime | sed 's/.*load average: //')"
echo "[timings] $(date -u +%FT%TZ) end, load average: $end_load" | tee -a "$raw"
python3 src/bench/spark_timings_table.py "$raw"
echo "[timings] load average: start $start_load, end $end_load; raw lines in $raw"
