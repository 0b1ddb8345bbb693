#!/usr/bin/env bash
# Installs the machine packages the tests start for real: PostgreSQL server
# binaries, Debian Chromium (for Playwright), Java 17+ (for DynamoDB Local) and
# etcd, xz and openssl (for the real kube-apiserver of packages/kube-harness).
# Needs root + apt when missing.
set -euo pipefail

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
java -version 2>&1 | grep -Eq 'version "(1[7-9]|[2-9][0-9])' ||
  need+=(openjdk-17-jre-headless)
command -v etcd >/dev/null 2>&1 || need+=(etcd-server)
# kube-harness also decompresses the kube binaries and makes its certificates.
command -v xz >/dev/null 2>&1 || need+=(xz-utils)
command -v openssl >/dev/null 2>&1 || need+=(openssl)

if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
  echo "Missing system packages: ${need[*]} (install them with your package manager)" >&2
  exit 1
fi
echo "› apt-get install ${need[*]}" >&2
apt-get update -qq
# openjdk's postinst links its man page and fails on slim images without this dir.
mkdir -p /usr/share/man/man1
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
