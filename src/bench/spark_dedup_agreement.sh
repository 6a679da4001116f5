#!/usr/bin/env bash
# The near-duplicate finder on the local engine and on Spark over one folder, then the two runs
# compared pair by pair (src/bench/same_dedup.py): stage 1 candidates, verified pairs,
# components, groups. Default folder: the dedup benchmark's (mvn -q exec:java
# -Dexperiment=dedup-bench builds it in datasets/cache).
#
# usage: src/bench/spark_dedup_agreement.sh [PHOTOS [RESULTS_DIR]]
#   SPARK_MASTER (default local[2]) and HEAP (default 3g: both JVMs) can be set.
set -euo pipefail
cd "$(dirname "$0")/../.."
photos=${1:-datasets/cache/dedup-bench-v5-s42-o500-c3-d2500-x072c9ee1}
out=${2:-$(mktemp -d)}
heap=${HEAP:-3g}
[ -d "$photos" ] || { echo "no folder $photos (mvn -q exec:java -Dexperiment=dedup-bench builds it)"; exit 2; }
echo "[agreement] $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
MAVEN_OPTS="-Xmx$heap" mvn -q exec:java -Dexperiment=dedup -Dphotos="$photos" \
  -Dresults.dir="$out/local" > "$out/local.log" 2>&1
mid=$(date +%s)
echo "[agreement] local engine: $((mid - start)) s wall, load: $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -q exec:java -Dexperiment=dedup -Dphotos="$photos" -Dengine=spark \
  -Dspark.master="${SPARK_MASTER:-local[2]}" -Dspark.driver.memory="$heap" \
  -Dresults.dir="$out/spark" > "$out/spark.log" 2>&1
end=$(date +%s)
echo "[agreement] spark engine: $((end - mid)) s wall, load: $(cut -d' ' -f1-3 /proc/loadavg)"
local_run=$(ls -d "$out"/local/dedup-* | tail -1)
spark_run=$(ls -d "$out"/spark/dedup-* | tail -1)
for run in "$local_run" "$spark_run"; do
  echo "[agreement] $run"
  grep -e '^stage' -e '^groups found' -e '^time' -e '^pair stages' "$run/summary.txt" | sed 's/^/  /'
done
grep -e '^\[spark\]' "$out/spark.log" | sed 's/^/  /' || true
python3 src/bench/same_dedup.py "$local_run" "$spark_run"
