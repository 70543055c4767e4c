#!/usr/bin/env bash
# Puts etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubelet, kube-proxy, kwok
# and kwokctl into a cache directory keyed by version, outside the repository. Idempotent: a second run checks
# the files and returns at once.
#
# Order of preference, per component:
#   1. binaries the user points to: MUTINEER_BIN_DIR=/dir (all eight files), used as they are;
#   2. official release archives, checked against their published sha256;
#   3. a build from Go modules with the local Go toolchain.
# MUTINEER_BINARIES_SOURCE=download|build forces 2 or 3. Prints the binary directory last.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
prop() { sed -n "s/^$1=//p" "$repo/versions.properties"; }
K8S=$(prop kubernetes.version); ETCD=$(prop etcd.version); KWOK=$(prop kwok.version); RECIPE=$(prop binaries.recipe)
CACHE=${MUTINEER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mutineer}
# "-rN" names the build recipe (versions.properties): since r2 the Kubernetes binaries report their
# version (before, v0.0.0-master) and kubelet and kube-proxy are part of the set (real nodes).
BIN="$CACHE/bin/k8s-v$K8S-etcd-v$ETCD-kwok-v$KWOK-r$RECIPE"
KUBE=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy)
NAMES=(etcd "${KUBE[@]}" kwok kwokctl)
SOURCE=${MUTINEER_BINARIES_SOURCE:-auto}
ARCH=$(uname -m); case "$ARCH" in x86_64) ARCH=amd64;; aarch64|arm64) ARCH=arm64;; esac
OS=$(uname -s | tr '[:upper:]' '[:lower:]')

log() { printf '[mutineer binaries] %s\n' "$*" >&2; }
die() { printf '[mutineer binaries] error: %s\n' "$*" >&2; exit 1; }
have_all() { local d=$1 n; for n in "${NAMES[@]}"; do [ -x "$d/$n" ] || return 1; done; }
elapsed() { echo "$(( $(date +%s) - $1 ))s"; }

if [ -n "${MUTINEER_BIN_DIR:-}" ]; then
  have_all "$MUTINEER_BIN_DIR" || die "MUTINEER_BIN_DIR=$MUTINEER_BIN_DIR must hold executables: ${NAMES[*]}"
  echo "$MUTINEER_BIN_DIR"; exit 0
fi
if have_all "$BIN"; then echo "$BIN"; exit 0; fi
mkdir -p "$BIN"
# One provisioner at a time per cache (tests and a user's shell may race).
exec 9>"$CACHE/bin/.lock"; flock 9
if have_all "$BIN"; then echo "$BIN"; exit 0; fi

# --- 2. official releases -------------------------------------------------------------
fetch() { curl -fsSL --connect-timeout 5 --max-time 600 -o "$2" "$1"; }
check_sha() { # file expected
  local got; got=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$got" = "$2" ] || die "sha256 mismatch for $1: got $got, published $2"
}
download_all() {
  local tmp; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' RETURN
  local k8s_base="https://dl.k8s.io/v$K8S/bin/$OS/$ARCH"
  fetch "$k8s_base/kube-apiserver.sha256" "$tmp/probe" || return 1
  local n
  for n in "${KUBE[@]}"; do
    log "downloading $n v$K8S"
    fetch "$k8s_base/$n" "$tmp/$n" && fetch "$k8s_base/$n.sha256" "$tmp/$n.sha256" || return 1
    check_sha "$tmp/$n" "$(cut -d' ' -f1 < "$tmp/$n.sha256")"
  done
  local etcd_tar="etcd-v$ETCD-$OS-$ARCH.tar.gz" etcd_base="https://github.com/etcd-io/etcd/releases/download/v$ETCD"
  log "downloading etcd v$ETCD"
  fetch "$etcd_base/$etcd_tar" "$tmp/$etcd_tar" && fetch "$etcd_base/SHA256SUMS" "$tmp/SHA256SUMS" || return 1
  check_sha "$tmp/$etcd_tar" "$(awk -v f="$etcd_tar" '$2==f{print $1}' "$tmp/SHA256SUMS")"
  tar -xzf "$tmp/$etcd_tar" -C "$tmp" && cp "$tmp/etcd-v$ETCD-$OS-$ARCH/etcd" "$tmp/etcd"
  local kwok_base="https://github.com/kubernetes-sigs/kwok/releases/download/v$KWOK"
  fetch "$kwok_base/checksums.txt" "$tmp/kwok-sums" || return 1
  for n in kwok kwokctl; do
    log "downloading $n v$KWOK"
    fetch "$kwok_base/$n-$OS-$ARCH" "$tmp/$n" || return 1
    check_sha "$tmp/$n" "$(awk -v f="$n-$OS-$ARCH" '$2==f{print $1}' "$tmp/kwok-sums")"
  done
  for n in "${NAMES[@]}"; do install -m 0755 "$tmp/$n" "$BIN/$n"; done
}

# --- 3. build from Go modules ---------------------------------------------------------
build_all() {
  command -v go >/dev/null || die "no release download and no Go toolchain: install Go >= 1.26 (https://go.dev/dl) or set MUTINEER_BIN_DIR to a directory holding ${NAMES[*]}"
  export CGO_ENABLED=0 GOWORK=off GOTOOLCHAIN=local GOFLAGS=-mod=mod
  local work="$CACHE/build"; mkdir -p "$work"
  local flags=(-trimpath -ldflags "-s -w")
  local t0 t

  t0=$(date +%s)
  if [ ! -x "$BIN/kwok" ] || [ ! -x "$BIN/kwokctl" ]; then
    log "building kwok and kwokctl v$KWOK from Go modules"
    GOBIN="$BIN" go install "${flags[@]}" "sigs.k8s.io/kwok/cmd/kwok@v$KWOK" "sigs.k8s.io/kwok/cmd/kwokctl@v$KWOK"
    log "kwok built in $(elapsed "$t0")"
  fi

  t=$(date +%s)
  if [ ! -x "$BIN/etcd" ]; then
    log "building etcd v$ETCD from Go modules"
    local ed="$work/etcd-v$ETCD"; rm -rf "$ed"; mkdir -p "$ed"
    (cd "$ed" && go mod init mutineer.local/etcd-build >/dev/null 2>&1 \
      && go mod edit -require "go.etcd.io/etcd/server/v3@v$ETCD" \
      && printf 'package tools\nimport _ "go.etcd.io/etcd/server/v3/etcdmain"\n' > tools.go \
      && go mod tidy >/dev/null && go build "${flags[@]}" -o "$BIN/etcd.tmp" go.etcd.io/etcd/server/v3) \
      && mv "$BIN/etcd.tmp" "$BIN/etcd"
    log "etcd built in $(elapsed "$t")"
  fi

  t=$(date +%s)
  local missing=() c
  for c in "${KUBE[@]}"; do [ -x "$BIN/$c" ] || missing+=("$c"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "building ${missing[*]} v$K8S from Go modules (several minutes)"
    local kd="$work/kubernetes-v$K8S"; rm -rf "$kd"; mkdir -p "$kd"
    local gomod
    gomod=$(cd "$kd" && go mod download -json "k8s.io/kubernetes@v$K8S" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')
    [ -f "$gomod" ] || die "could not fetch go.mod of k8s.io/kubernetes v$K8S from the Go module proxy"
    local staging_version="v0.${K8S#1.}"
    {
      echo "module mutineer.local/kubernetes-build"
      grep -E '^(go|godebug) ' "$gomod"
      echo "require k8s.io/kubernetes v$K8S"
      # Every staging module that k8s.io/kubernetes replaces with ./staging/... at this tag.
      sed -n 's#^[[:space:]]*\(k8s\.io/[a-z0-9-]*\) => \./staging/.*#\1#p' "$gomod" | sort -u |
        while read -r m; do echo "replace $m => $m $staging_version"; done
    } > "$kd/go.mod"
    { echo 'package tools'; echo 'import ('
      for c in "${KUBE[@]}"; do echo " _ \"k8s.io/kubernetes/cmd/$c/app\""; done
      echo ')'; } > "$kd/tools.go"
    (cd "$kd" && log "resolving modules" && go mod tidy >/dev/null 2>&1 || go mod tidy)
    # Stamped as Kubernetes' own build does (hack/lib/version.sh), so that nodes and /version
    # report v$K8S rather than v0.0.0-master.
    local minor=${K8S#*.} stamp="" pkg; minor=${minor%%.*}
    for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
      stamp+=" -X $pkg.gitVersion=v$K8S -X $pkg.gitMajor=${K8S%%.*} -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
    done
    for c in "${KUBE[@]}"; do
      [ -x "$BIN/$c" ] && continue
      local tc; tc=$(date +%s)
      log "compiling $c"
      (cd "$kd" && go build -trimpath -ldflags "-s -w$stamp" -o "$BIN/$c.tmp" "k8s.io/kubernetes/cmd/$c") && mv "$BIN/$c.tmp" "$BIN/$c"
      log "$c built in $(elapsed "$tc")"
    done
    log "kubernetes binaries built in $(elapsed "$t")"
  fi
  log "all binaries built in $(elapsed "$t0")"
}

case "$SOURCE" in
  download) download_all || die "download of official releases failed" ;;
  build) build_all ;;
  auto)
    if download_all 2>/dev/null; then log "using official release binaries"
    else log "official releases not reachable; building from Go modules"; build_all; fi ;;
  *) die "MUTINEER_BINARIES_SOURCE must be download, build or auto (got '$SOURCE')" ;;
esac
have_all "$BIN" || die "provisioning finished but $BIN lacks some of: ${NAMES[*]}"
log "binaries ready in $BIN"
echo "$BIN"
