#!/usr/bin/env bash
# `make demo`: the counter server with the demo centre, and the kiosk window beside it printing to
# the virtual printer (PNG files in var/printed). Ctrl-C stops both.
# On a machine without a screen (DISPLAY unset) the kiosk runs on a virtual screen (Xvfb): it first
# walks every screen and saves them in var/demo-tour, then stays up for the API and the tests.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
HOST=${HOST:-127.0.0.1}
PORT=${PORT:-5000}
mkdir -p var

$BIN/counter-server init-db
seeded=$($BIN/counter-server seed-demo --always-open)
echo "$seeded"
token=$(echo "$seeded" | tail -1)
# Sixty days of made-up past, so the manager's reports have something to show (first run only).
$BIN/counter-server seed-history --days 60 2>/dev/null || echo "  (the demo centre already has its past tickets)"
$BIN/counter-server seed-history --days 60 --centre XA-TAN-LAP --per-day 150 2>/dev/null \
  || echo "  (the second demo centre already has its past tickets)"
$BIN/counter-server close-days

$BIN/counter-server run --host "$HOST" --port "$PORT" &
server=$!
xvfb=""
cleanup() { kill "$server" ${xvfb:+"$xvfb"} 2>/dev/null || true; }
trap cleanup EXIT INT TERM
for _ in $(seq 50); do
  $BIN/python -c "import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=1)" \
    "http://127.0.0.1:$PORT/api/v1/health" 2>/dev/null && break
  sleep 0.2
done

# A rating tablet paired to counter 1, so that its page can be tried at once.
$BIN/python - "http://127.0.0.1:$PORT" <<'PY' || true
import sys, httpx
base = sys.argv[1]
admin = httpx.post(base + "/api/v1/auth/token", json={"username": "quantri", "password": "quantri-demo"}).json()["token"]
headers = {"Authorization": f"Bearer {admin}"}
counter = next(c["id"] for c in httpx.get(base + "/api/v1/counters", headers=headers).json()["items"] if c["number"] == 1)
link = httpx.post(base + "/api/v1/rating-devices", headers=headers, json={"counter": counter, "name": "Demo"}).json()["link"]
print(f"  Rating tablet for counter 1: {link}")
PY
echo "  Logins: canbo1 / canbo1-demo (counter staff), lanhdao / lanhdao-demo (manager), quantri / quantri-demo (admin)"
echo "  Reports (manager): http://$HOST:$PORT/reports/"

export KIOSK_SERVER_URL="http://127.0.0.1:$PORT" KIOSK_TOKEN="$token"
export KIOSK_PRINTER="${KIOSK_PRINTER:-virtual://$PWD/var/printed}"
export KIOSK_FULLSCREEN="${KIOSK_FULLSCREEN:-0}" KIOSK_SERVICE_PIN="${KIOSK_SERVICE_PIN:-1234}"
export KIOSK_CACHE_FILE="$PWD/var/kiosk-catalogue.json"
export KIOSK_CENTRE_NAME="${KIOSK_CENTRE_NAME:-Trung tâm Phục vụ hành chính công phường Hòa Bình}"
export KIOSK_CONFIG="${KIOSK_CONFIG:-$PWD/var/kiosk.toml}"
echo "Kiosk: printer $KIOSK_PRINTER, service PIN $KIOSK_SERVICE_PIN (tap the centre's name 5 times)"

if [ -z "${DISPLAY:-}" ]; then
  exec 3< <(Xvfb -displayfd 1 -screen 0 1920x1080x24 -nolisten tcp 2>/dev/null)
  xvfb=$!
  read -r display <&3
  export DISPLAY=":$display"
  echo "No screen here: the kiosk runs on the virtual screen $DISPLAY; its tour goes to var/demo-tour"
  $BIN/kiosk --tour var/demo-tour
fi
$BIN/kiosk
