#!/usr/bin/env bash
# A sweep-type experiment on the local engine and on Spark with the same keys, then the two
# results.csv compared configuration by configuration: label recall, kNN recall and mean
# candidates (the columns both engines compute; times differ by design). Each engine scores
# kNN recall against its own exact ground truth, so equal kNN recall in every row also checks
# the two ground truths.
#
# usage: src/bench/spark_sweep_agreement.sh EXPERIMENT [-Dkey=value ...]
#   e.g. src/bench/spark_sweep_agreement.sh caltech101 -Dfamilies=hyperplane -Dk=8,12 -DL=1,4,16
#   SPARK_MASTER (default local[2]) and HEAP (default 3g: both JVMs) can be set.
set -euo pipefail
cd "$(dirname "$0")/../.."
[ $# -ge 1 ] || { sed -n 2,9p "$0" | sed 's/^# \{0,1\}//'; exit 2; }
exp=$1; shift
out=$(mktemp -d)
heap=${HEAP:-3g}
echo "[agreement] $(date -u +%FT%TZ) load: $(cut -d' ' -f1-3 /proc/loadavg)"
start=$(date +%s)
MAVEN_OPTS="-Xmx$heap" mvn -q exec:java -Dexperiment="$exp" "$@" -Dtiming.rounds=1 \
  -Dresults.dir="$out/local" > "$out/local.log" 2>&1 || { tail -5 "$out/local.log"; exit 1; }
mid=$(date +%s)
echo "[agreement] local engine: $((mid - start)) s wall, load: $(cut -d' ' -f1-3 /proc/loadavg)"
mvn -q exec:java -Dexperiment="$exp" "$@" -Dengine=spark \
  -Dspark.master="${SPARK_MASTER:-local[2]}" -Dspark.driver.memory="$heap" \
  -Dresults.dir="$out/spark" > "$out/spark.log" 2>&1 || { tail -5 "$out/spark.log"; exit 1; }
end=$(date +%s)
echo "[agreement] spark engine: $((end - mid)) s wall, load: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$(ls -d "$out"/spark/"$exp"-* | tail -1)/results.csv" \
  "$(ls -d "$out"/local/"$exp"-* | tail -1)/results.csv" <<'PY'
import csv, sys
def rows(f):
    return {(r["family"], r["k"], r["L"], r["probes"], r.get("probes_total", "")): r
            for r in csv.DictReader(open(f)) if r["family"] not in ("exact", "mllib-brp", "hnsw")}
s, l = rows(sys.argv[1]), rows(sys.argv[2])
if s.keys() != l.keys():
    sys.exit(f"different configurations: only spark {sorted(s.keys() - l.keys())}, only local {sorted(l.keys() - s.keys())}")
worst = {c: 0.0 for c in ("label_recall", "knn_recall", "candidates_mean")}
bad = []
for key in sorted(l):
    for c in worst:
        d = abs(float(s[key][c]) - float(l[key][c]))
        worst[c] = max(worst[c], d)
        if d > 1e-5:
            bad.append((key, c, s[key][c], l[key][c]))
print(f"[agreement] {len(l)} configurations; largest differences: " +
      ", ".join(f"{c} {d:.1e}" for c, d in worst.items()))
if bad:
    for b in bad[:10]:
        print("  differs:", b)
    sys.exit("DISAGREE")
print("AGREE")
PY
