#!/usr/bin/env bash
# The one test command (README.md and .ci/run call exactly this). On a fresh machine it
# provisions the cluster binaries into the version-keyed cache (built from Go modules when no
# release download is reachable; minutes the first time, instant afterwards) and, as root with
# apt-get, the system packages of real nodes, then builds every module and runs every test
# against real local clusters.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$(date +%s)
bin_dir=$(scripts/install-binaries.sh)
echo "[mutineer test] cluster binaries: $bin_dir ($(( $(date +%s) - start ))s)"
# Real nodes (containerd, runc, CNI plugins, nftables, iptables, conntrack, socat) for the real-node
# live tests. Where this cannot install them (not root, no apt-get) those tests skip, naming what is
# missing; kwok-only tests need none of it.
node_start=$(date +%s)
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  if scripts/install-node-packages.sh; then
    echo "[mutineer test] node packages ready ($(( $(date +%s) - node_start ))s); the real-node tests run"
  else
    echo "[mutineer test] installing the node packages failed ($(( $(date +%s) - node_start ))s); the real-node tests will be skipped"
  fi
else
  scripts/install-node-packages.sh || true
  echo "[mutineer test] node packages not installed (needs root and apt-get); the real-node tests will be skipped"
fi
mvn -B -ntp verify "$@"
# After the verify, two tests that need more than it: kubernetes#129795 with KEP-5647's gates on and off (four
# clusters side by side, the pod watch held past the 5-minute expectations TTL; about 8 minutes; -Pslow lets its tag
# through), and issue 12's end to end (the mutineer image, built from the jars the verify just packaged, imported
# into a real node, a 2-shard Indexed Job run there, collected, merged and compared with a serial run; about 2.5
# minutes). The modules were just built (-am: the reactor uses them, not ~/.m2); -Dtest selects those tests.
slow_start=$(date +%s)
image=$(MUTINEER_NO_BUILD=1 scripts/build-image.sh | cut -d' ' -f2)
echo "[mutineer test] mutineer image $image ($(( $(date +%s) - slow_start ))s)"
MUTINEER_IMAGE_TARBALL="$image" mvn -B -ntp -pl campaign-runner -am -Pslow \
  -Dtest=StaleControllerScenarioTest,DistributedCampaignLiveTest -Dsurefire.failIfNoSpecifiedTests=false verify
echo "[mutineer test] stale-controller scenario and distributed campaign in $(( $(date +%s) - slow_start ))s"
echo "[mutineer test] done in $(( $(date +%s) - start ))s"
