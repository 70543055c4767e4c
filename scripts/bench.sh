#!/usr/bin/env bash
# Runs one of mutineer's benchmarks; each prints its figures. Usage: scripts/bench.sh NAME
#   cluster   cold start (3 and 100 nodes) against kwokctl, restore time, peak memory  (k8s-cluster)
#   injector  decode/mutate/encode throughput of a Pod; per kind, what single-bit flips do       (injector)
#   interposer  latency added per Range and Txn at 1,000 ops/s vs direct etcd, etcd grpc-proxy, a bare byte relay;
#             -Dtls=true adds etcd and the interposer over mutual TLS, as the local cluster runs them  (injector)
#   campaign  injections per hour, time per phase (restore, settle, inject, observe, classify) of the quickstart
#   golden    golden against golden: >= 100 fault-free runs, the share classified NO_EFFECT
#   reproduce recorded injections replayed 3 times each, the share with the recorded class  (campaign-runner)
#   parallel  injections per hour at a 30 s window with 1, 2, 4, 8 and auto clusters side by side, busy cores, memory,
#             the per-phase split, and the Indexed Job figure for 10 machines  (campaign-runner)
#   history   CPU and allocation per observation of the history recorder against the whole observer, record size
#             and heap retained, on the quickstart's cluster at rest  (campaign-runner; root for its real node)
#   results   fsynced journal appends per second, reopen and report rendering of 9,000 results  (results)
#   realnodes cold start with 1 and 2 real nodes against kwok-only, a real node's idle CPU and memory, pod start
#             latency, reset time and injections per hour with a real node against kwok-only  (campaign-runner; root)
# Benchmarks run inside a fresh network namespace, so nothing they start can be reached from, or
# send to, anywhere else. Its only interface is loopback; it also gets the documentation address
# 192.0.2.1 and a default route, both on loopback, because kwokctl's kube-apiserver binds 0.0.0.0
# and will not start without a default route to take its advertise address from.
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:-}; shift || true
case "$name" in
  cluster) module=k8s-cluster; main=dev.mutineer.cluster.bench.ClusterBenchmark ;;
  injector) module=injector; main=dev.mutineer.injector.bench.InjectorBenchmark ;;
  interposer) module=injector; main=dev.mutineer.injector.inflight.InterposerBenchmark ;;
  campaign) module=campaign-runner; main=dev.mutineer.campaign.bench.CampaignBenchmark ;;
  golden) module=campaign-runner; main=dev.mutineer.campaign.bench.GoldenBenchmark ;;
  reproduce) module=campaign-runner; main=dev.mutineer.campaign.bench.ReproduceBenchmark ;;
  history) module=campaign-runner; main=dev.mutineer.campaign.bench.HistoryCostBenchmark ;;
  parallel) module=campaign-runner; main=dev.mutineer.campaign.bench.ParallelBenchmark ;;
  results) module=results; main=dev.mutineer.results.ResultsBenchmark ;;
  realnodes) module=campaign-runner; main=dev.mutineer.campaign.bench.RealNodesBenchmark ;;
  *) echo "usage: scripts/bench.sh cluster [-Druns=N] | injector [-Dseconds=S] | interposer [-Drounds=N -Dturn=MS -Drate=OPS -Dinterposer=process -Dtls=true] | campaign [-Dresults=DIR] | golden [-Druns=N -Dparallel=P -Dminutes=M] | reproduce [-Dresults=DIR -Dcount=N -Dtimes=N -Dids=ID,ID] | parallel [-Dns=1,2,4,8,auto -Dminutes=M -Dmachines=K] | history [-Drounds=N -Dwindow=S] | results [-Dinjections=N] | realnodes [-Druns=N -Dwindow=S -Dsample=N -Donly=reset]" >&2; exit 2 ;;
esac
scripts/install-binaries.sh >/dev/null
# A reactor build, never `install`: ~/.m2 may be shared with other checkouts, whose builds would then pick up
# this one's snapshot artifacts. In the reactor the sibling modules resolve to their target/classes.
mvn -B -q -ntp -pl $module -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=bench.classpath >/dev/null
cp="$module/target/classes:$module/target/test-classes:$(cat "$module/bench.classpath")"
rm -f bench.classpath ./*/bench.classpath  # written by each module of the reactor
# The classes run from a copy: a build in this checkout while the benchmark runs (minutes) would otherwise swap
# classes under it, which the JVM loads lazily.
classes=$(mktemp -d /tmp/mutineer-bench-classes.XXXXXX)
trap 'rm -rf "$classes"' EXIT
copied=()
IFS=: read -ra entries <<< "$cp"
for e in "${entries[@]}"; do
  if [ -d "$e" ]; then
    dest="$classes/${#copied[@]}"
    cp -r "$e" "$dest"
    copied+=("$dest")
  else
    copied+=("$e")
  fi
done
cp=$(IFS=:; echo "${copied[*]}")
run=(java -Dcom.google.protobuf.use_unsafe_pre22_gencode -Dmutineer.repo="$PWD" "$@" -cp "$cp" "$main")
if [ "$(id -u)" = 0 ] && command -v unshare >/dev/null; then
  unshare --net bash -c 'ip link set lo up && ip addr add 192.0.2.1/32 dev lo && ip route add default dev lo \
    && exec "$@"' _ "${run[@]}"
  exit
fi
echo "[bench] not root: running without a private network namespace" >&2
"${run[@]}"
