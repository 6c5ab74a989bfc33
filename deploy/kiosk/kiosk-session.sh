#!/usr/bin/env bash
# The kiosk PC's X session (started by ~/.xinitrc): no screen blanking, no power saving, then the
# kiosk in full screen, started again after a crash. Leaving kiosk mode from the service screen
# exits with 0 and ends the session, so technical staff get the console back.
set -u
KIOSK_COMMAND=${KIOSK_COMMAND:-/opt/mot-cua/.venv/bin/kiosk}
RESTART_PAUSE=${RESTART_PAUSE:-3}
LOG=${KIOSK_LOG:-$HOME/kiosk.log}

# The screen must never go dark in front of a waiting citizen.
xset s off || true
xset s noblank || true
xset -dpms || true
command -v unclutter >/dev/null && unclutter -idle 1 -root &

export KIOSK_FULLSCREEN=${KIOSK_FULLSCREEN:-1}
while true; do
  echo "$(date -Is) kiosk starting" >>"$LOG"
  "$KIOSK_COMMAND" >>"$LOG" 2>&1
  status=$?
  if [ "$status" -eq 0 ]; then
    echo "$(date -Is) kiosk mode left from the service screen" >>"$LOG"
    exit 0
  fi
  echo "$(date -Is) kiosk stopped with exit code $status; starting again in ${RESTART_PAUSE}s" >>"$LOG"
  sleep "$RESTART_PAUSE"
done
