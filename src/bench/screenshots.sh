#!/usr/bin/env bash
# Screenshots of the report pages by headless Chromium (DevTools protocol, no extra packages):
#   src/bench/screenshots.sh RUN_FOLDER [OTHER_RUN ...]
# rebuilds the runs' pages with this checkout's code and writes, beside the run folders,
#   screenshots/run-page.png        the first run's page, whole, 1400 px wide
#   screenshots/run-page-hover.png  its chart after hovering a frontier point
#   screenshots/compare.png         results/index.html with the runs side by side (2+ runs)
#   screenshots/compare-hover.png   that chart, hovered
set -euo pipefail
runs=()
for r in "$@"; do runs+=("$(realpath "$r")"); done
cd "$(dirname "$0")/../.."
mvn -q test-compile dependency:build-classpath -pl core -Dmdep.includeScope=test \
  -Dmdep.outputFile="$PWD/target/test-cp.txt" >/dev/null
java -cp "target/test-classes:target/classes:$(cat target/test-cp.txt)" lshbench.report.PageScreenshots "${runs[@]}"
