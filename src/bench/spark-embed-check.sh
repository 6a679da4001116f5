#!/usr/bin/env bash
# Spark embeds as the local engine does, on a real image folder: both engines embed the
# experiment's images, each into a new empty temporary cache (both really compute; the
# experiment's own cache is only read, for a third comparison when it holds the same key),
# then every image is compared: ids, labels, skipped files, cosine >= 0.9999, the Parquet
# table read back. Prints one line per check and AGREE / DISAGREE (exit 1).
#
#   src/bench/spark-embed-check.sh                          # caltech101 on local[2]
#   src/bench/spark-embed-check.sh caltech101 images.per.category=10 spark.master='local[1]'
#
# Costs two full embeddings of the folder (Caltech101: a few minutes each on 2 cores).
set -euo pipefail
cd "$(dirname "$0")/../.."
experiment="${1:-caltech101}"
shift || true
master="local[2]"
args=()
for a in "$@"; do
  case "$a" in
    spark.master=*) master="${a#spark.master=}" ;;
    *) args+=("$a") ;;
  esac
done
source src/bench/spark-java.sh
echo "[check] $(date -u +%FT%TZ) load: $(uptime | sed 's/.*load average: //')"
status=0
spark_java "-Dspark.master=$master" lshbench.spark.EmbeddingAgreement "$experiment" ${args[@]+"${args[@]}"} \
  || status=$?
echo "[check] $(date -u +%FT%TZ) load: $(uptime | sed 's/.*load average: //')"
exit $status
