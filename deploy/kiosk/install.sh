#!/usr/bin/env bash
# Turn a fresh Debian/Ubuntu PC into a kiosk (run as root from a checkout of this repository):
# a `kiosk` user logged in automatically on tty1, X started with the kiosk full screen, no
# screen blanking, restart after a crash. Settings in /etc/mot-cua/kiosk.toml.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  xserver-xorg xinit x11-xserver-utils unclutter libmtdev1 libusb-1.0-0 cups-client xsel python3-venv
id kiosk >/dev/null 2>&1 || useradd --create-home --groups lp,dialout,video,input kiosk
mkdir -p /opt/mot-cua /etc/mot-cua /var/lib/mot-cua-kiosk
cp -a "$src"/. /opt/mot-cua/
python3 -m venv /opt/mot-cua/.venv
/opt/mot-cua/.venv/bin/pip install --quiet -e /opt/mot-cua  # editable: fonts and assets stay in /opt/mot-cua
[ -f /etc/mot-cua/kiosk.toml ] || install -m 640 -g kiosk "$src/deploy/kiosk/kiosk.toml.example" /etc/mot-cua/kiosk.toml
chown kiosk /var/lib/mot-cua-kiosk
install -o kiosk -m 755 "$src/deploy/kiosk/xinitrc" ~kiosk/.xinitrc
install -o kiosk -m 644 "$src/deploy/kiosk/bash_profile" ~kiosk/.bash_profile
install -D -m 644 "$src/deploy/kiosk/autologin.conf" /etc/systemd/system/getty@tty1.service.d/autologin.conf
# USB printers: let the kiosk user open the printer's USB device.
echo 'SUBSYSTEM=="usb", ENV{DEVTYPE}=="usb_device", ENV{ID_USB_INTERFACES}=="*:0701*", MODE="0660", GROUP="lp"' > /etc/udev/rules.d/60-mot-cua-printer.rules
systemctl daemon-reload
echo "Done. Edit /etc/mot-cua/kiosk.toml (server_url, token, printer, service_pin), then reboot."
