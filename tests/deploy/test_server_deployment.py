"""The server's deploy/ files as an operator installs them: systemd units that systemd accepts
(with the executables they name) and an nginx site that nginx accepts, TLS included."""
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UNITS = ("counter-server.service", "counter-server-nightly.service", "counter-server-nightly.timer")


def installed_units(tmp_path: Path) -> list[Path]:
    """The units as docs/operations.md installs them, with /opt/mot-cua pointing at this checkout."""
    prefix = tmp_path / "opt" / "mot-cua"
    prefix.parent.mkdir()
    prefix.symlink_to(ROOT)
    units = []
    for name in UNITS:
        unit = tmp_path / name
        unit.write_text((ROOT / "deploy" / "systemd" / name).read_text().replace("/opt/mot-cua", str(prefix)))
        units.append(unit)
    return units


def test_systemd_accepts_the_server_units_without_a_warning(tmp_path):
    checked = subprocess.run(["systemd-analyze", "verify", *map(str, installed_units(tmp_path))],
                             capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == "" and checked.stdout.strip() == ""


def test_the_units_run_the_readme_s_commands():
    server = (ROOT / "deploy" / "systemd" / "counter-server.service").read_text()
    nightly = (ROOT / "deploy" / "systemd" / "counter-server-nightly.service").read_text()
    assert "gunicorn -c /opt/mot-cua/deploy/gunicorn.conf.py counter_server.app:create_app()" in server
    assert "counter-server init-db" in server and "PROMETHEUS_MULTIPROC_DIR" in server
    assert "counter-server expire-tickets" in nightly and "counter-server close-days" in nightly


def test_nginx_accepts_the_site_with_a_certificate(tmp_path):
    key, cert = tmp_path / "privkey.pem", tmp_path / "fullchain.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
                    "/CN=motcua.example.vn", "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    site = (ROOT / "deploy" / "nginx" / "mot-cua.conf").read_text().replace("/etc/mot-cua/tls", str(tmp_path))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "logs").mkdir()
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/logs/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  include {tmp_path}/site.conf;\n}}\n")
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    checked = subprocess.run([nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                             capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stderr
    assert "syntax is ok" in checked.stderr and "test is successful" in checked.stderr


def test_the_site_streams_events_unbuffered_and_passes_the_client_address():
    site = (ROOT / "deploy" / "nginx" / "mot-cua.conf").read_text()
    events = site.split("location = /api/v1/events", 1)[1].split("}", 1)[0]
    assert "proxy_buffering off" in events
    assert "proxy_set_header X-Forwarded-For $remote_addr" in site
