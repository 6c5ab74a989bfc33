#!/usr/bin/env bash
# Installs the Debian packages the product and its tests need, when run as root;
# otherwise prints the one command that installs them. Installs nothing that is already there.
#   deploy/system-packages.sh          what `make demo` and `make test` need
#   deploy/system-packages.sh bench    what `make bench` needs besides
set -euo pipefail
group=${1:-test}
needed=()
# A "command" named lib:NAME is a shared library looked up with ldconfig; file:GLOB is a file.
have() {
  case "$1" in
    lib:*) /sbin/ldconfig -p | grep -q "${1#lib:}" ;;
    file:*) compgen -G "${1#file:}" >/dev/null ;;
    *) command -v "$1" >/dev/null 2>&1 ;;
  esac
}
# Each line: group, a command that must exist, and the Debian package that brings it.
while read -r line_group cmd pkg; do
  [ -z "${line_group:-}" ] && continue
  [ "$line_group" = "$group" ] || continue
  have "$cmd" || needed+=("$pkg")
done <<'LIST'
test Xvfb xvfb
test xauth xauth
test lib:libmtdev.so.1 libmtdev1
test lib:libGL.so.1 libgl1
test file:/usr/lib/*/dri/swrast_dri.so libgl1-mesa-dri
test xsel xsel
test chromium chromium
test espeak-ng espeak-ng
test nginx nginx-light
test soffice libreoffice-calc-nogui
test lib:libpango-1.0.so.0 libpango-1.0-0
test lib:libpangoft2-1.0.so.0 libpangoft2-1.0-0
test pdftoppm poppler-utils
test zbarimg zbar-tools
test tesseract tesseract-ocr
test file:/usr/share/tesseract-ocr/*/tessdata/vie.traineddata tesseract-ocr-vie
bench wrk wrk
bench taskset util-linux
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
