#!/usr/bin/env bash
# Builds the mutineer container image (for `mutineer distribute`) without Docker, as a docker-archive
# tarball cached by content under ~/.cache/mutineer/images (the two newest kept), and prints "REF TARBALL" on stdout.
# Packages mutineer with `mvn package` (nothing is installed into ~/.m2), then runs `mutineer image build`
# from the packaged jars: the image holds exactly those jars.
#   scripts/build-image.sh            # package, then build
#   MUTINEER_NO_BUILD=1 scripts/build-image.sh   # use the jars already packaged
# Import: ctr -n k8s.io images import TARBALL (or docker load -i TARBALL).
set -euo pipefail

repo=$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)
target="$repo/campaign-runner/target"
java_bin="${JAVA_HOME:+$JAVA_HOME/bin/}java"

if [ "${MUTINEER_NO_BUILD:-0}" != 1 ]; then
  (cd "$repo" && mvn -B -q -Dstyle.color=never -DskipTests -pl campaign-runner -am package) >&2
fi
jar=$(ls "$target"/mutineer-campaign-runner-*.jar 2>/dev/null | grep -v -e '-sources' -e '-tests' | head -n 1)
[ -n "$jar" ] && [ -d "$target/lib" ] || { echo "build-image: no packaged mutineer in $target" >&2; exit 1; }
# The class path names jars only: the image copies each of them to /opt/mutineer/lib.
built=$("$java_bin" -Dcom.google.protobuf.use_unsafe_pre22_gencode -Dmutineer.home="$repo" \
  -cp "$jar:$target/lib/*" dev.mutineer.cli.Mutineer image build "$@")
echo "$built"
# Each build of other jars is another 500 MiB tarball: keep the two newest (this one and the one before).
tarball=${built#* }
if [ -f "$tarball" ]; then
  ls -t "$(dirname "$tarball")"/mutineer-*.tar 2>/dev/null | tail -n +3 | xargs -r rm -f --
fi
