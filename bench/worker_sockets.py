"""Which gunicorn worker holds a client's connection, read from /proc (Linux, same user): the
benchmarks' clients know their own port, the kernel knows which process holds the other end."""
from __future__ import annotations

import os
from pathlib import Path

import httpx


def client_port(response: httpx.Response) -> int | None:
    """The local port of the connection `response` came on (while it is still open), or None."""
    stream = response.extensions.get("network_stream")
    try:
        return stream.get_extra_info("client_addr")[1] if stream is not None else None
    except (OSError, TypeError):
        return None


def workers_of(master_pid: int) -> list[int]:
    """The worker processes of a gunicorn master."""
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def port_to_worker(master_pid: int, server_port: int) -> dict[int, int]:
    """Client port -> worker pid, for every connection to `server_port` a worker holds now."""
    remote_by_inode = _connections_to(server_port)
    found = {}
    for pid in workers_of(master_pid):
        for inode in _socket_inodes(pid):
            if inode in remote_by_inode:
                found[remote_by_inode[inode]] = pid
    return found


def _socket_inodes(pid: int) -> set[int]:
    inodes = set()
    folder = f"/proc/{pid}/fd"
    try:
        names = os.listdir(folder)
    except FileNotFoundError:
        return inodes
    for name in names:
        try:
            target = os.readlink(f"{folder}/{name}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(int(target[8:-1]))
    return inodes


def _connections_to(server_port: int) -> dict[int, int]:
    """Socket inode -> remote port, for the server ends of connections on `server_port`."""
    found = {}
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except FileNotFoundError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], int(fields[9])
            if int(local.rsplit(":", 1)[1], 16) == server_port and inode:
                found[inode] = int(remote.rsplit(":", 1)[1], 16)
    return found
