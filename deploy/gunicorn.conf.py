"""gunicorn settings for the counter server: `gunicorn -c deploy/gunicorn.conf.py 'counter_server.app:create_app()'`.

Workers and threads: see the README's "Capacity for streams" (each event stream holds a thread;
COUNTER_SERVER_SSE_MAX_STREAMS stays 4 below --threads so kiosks and counters always get one).
Metrics: with PROMETHEUS_MULTIPROC_DIR set (an empty directory, made before the start), every worker
writes its counts there and a scrape of /metrics adds up all of them; a worker that exits is
marked dead so that its open-stream count leaves the sum."""
import os
import shutil
from pathlib import Path

bind = os.environ.get("COUNTER_SERVER_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("COUNTER_SERVER_WORKERS", "4"))
worker_class = "gthread"
threads = int(os.environ.get("COUNTER_SERVER_THREADS", "16"))


def on_starting(server):
    """Start from an empty metrics directory: counts of a previous run must not be added in."""
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
        Path(folder).mkdir(parents=True, exist_ok=True)


def child_exit(server, worker):
    """A worker ended: its gauges (open streams) no longer count."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess
        multiprocess.mark_process_dead(worker.pid)
