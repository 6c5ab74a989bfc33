"""The C allocator's settings for a server process (glibc only; elsewhere nothing changes)."""
import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)
M_ARENA_MAX = -8   # mallopt's parameter number in glibc's malloc.h


def limit_arenas(arenas: int = 2) -> bool:
    """Cap glibc's malloc arenas. By default each thread that meets contention gets an arena of
    its own (up to eight per core), and memory freed in one is not reused by another, so a gthread
    worker's resident memory creeps up with its threads (about 4 MB of 16 threads' load here)."""
    name = ctypes.util.find_library("c")
    try:
        done = ctypes.CDLL(name).mallopt(M_ARENA_MAX, arenas) if name else 0
    except (OSError, AttributeError):
        done = 0
    if not done:
        log.info("malloc arenas left as they are (not glibc)")
    return bool(done)
