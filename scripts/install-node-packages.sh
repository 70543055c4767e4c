#!/usr/bin/env bash
# Installs the system packages that real nodes need beside the cached cluster binaries:
# containerd and runc (the container runtime), the CNI plugins (bridge, host-local, loopback,
# portmap under /usr/lib/cni), nftables and iptables (kube-proxy), conntrack, and socat (the
# relay that lets the JVM reach servers inside a cluster's network namespace).
# Idempotent: when every command is present it returns at once without touching apt.
# Exit codes: 0 installed (or already there); 3 not root or no apt-get: it prints exactly what to
# install; anything else: apt-get failed. MUTINEER_NODE_PACKAGES_PROBE_ROOT (tests only) prefixes the
# probed paths, to play a host without the packages.
set -euo pipefail

PACKAGES=(containerd runc containernetworking-plugins nftables iptables conntrack socat)
# One file or command per package that proves it is installed.
PROBES=(/usr/bin/containerd /usr/sbin/runc /usr/lib/cni/bridge /usr/sbin/nft /usr/sbin/iptables /usr/sbin/conntrack /usr/bin/socat)

PROBE_ROOT=${MUTINEER_NODE_PACKAGES_PROBE_ROOT:-}

log() { printf '[mutineer node packages] %s\n' "$*" >&2; }

missing=()
for i in "${!PACKAGES[@]}"; do
  [ -x "$PROBE_ROOT${PROBES[$i]}" ] || missing+=("${PACKAGES[$i]}")
done
if [ ${#missing[@]} -eq 0 ]; then
  log "all present: ${PACKAGES[*]}"
  exit 0
fi

if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  why="not root"; [ "$(id -u)" -eq 0 ] && why="no apt-get"
  log "cannot install the packages real nodes need ($why). Install them, then run again:"
  log "  missing: ${missing[*]}"
  log "  Debian/Ubuntu: sudo apt-get install -y ${missing[*]}"
  exit 3
fi

export DEBIAN_FRONTEND=noninteractive
log "installing ${missing[*]}"
# An update only when the package lists do not know a package (first run on a fresh machine).
if ! apt-cache show "${missing[@]}" >/dev/null 2>&1; then
  apt-get update -qq
fi
apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
# Debian starts containerd as a system service on install; mutineer runs its own per node.
if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet containerd 2>/dev/null; then
  systemctl disable --now containerd >/dev/null 2>&1 || true
fi
for i in "${!PACKAGES[@]}"; do
  [ -x "$PROBE_ROOT${PROBES[$i]}" ] || { log "error: ${PACKAGES[$i]} installed but ${PROBES[$i]} is missing"; exit 1; }
done
log "installed: ${missing[*]}"
