#!/usr/bin/env bash
# The one test command (README.md and .ci/run call exactly this). On a fresh machine it
# provisions the cluster binaries into the version-keyed cache (built from Go modules when no
# release download is reachable; minutes the first time, instant afterwards), then builds
# every module and runs every test against real local clusters.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bin_dir=$(scripts/install-binaries.sh)
echo "[mutineer test] cluster binaries: $bin_dir ($(( $(date +%s) - start ))s)"
mvn -B -ntp verify "$@"
echo "[mutineer test] done in $(( $(date +%s) - start ))s"
