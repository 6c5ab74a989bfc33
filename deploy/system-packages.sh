#!/usr/bin/env bash
# Installs the Debian packages the product and its tests need, when run as root;
# otherwise prints the one command that installs them. Installs nothing that is already there.
set -euo pipefail
needed=()
have() { command -v "$1" >/dev/null 2>&1; }
# Each line: a command that must exist, and the Debian package that brings it.
while read -r cmd pkg; do
  [ -z "$cmd" ] && continue
  have "$cmd" || needed+=("$pkg")
done <<'LIST'
LIST
[ ${#needed[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ]; then
  echo "Installing system packages: ${needed[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${needed[@]}"
else
  echo "Missing system packages. Run once:  sudo apt-get install -y ${needed[*]}" >&2
  exit 1
fi
