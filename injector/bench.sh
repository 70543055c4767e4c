#!/usr/bin/env bash
# Prints the injector's benchmark figures (throughput of decode/mutate/encode for a real Pod,
# and the per-kind table of what single-bit flips do). Usage: injector/bench.sh [seconds-per-measurement]
set -euo pipefail
cd "$(dirname "$0")"
mvn -q -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
exec java -Dcom.google.protobuf.use_unsafe_pre22_gencode \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" \
  dev.mutineer.injector.bench.InjectorBenchmark "$@"
