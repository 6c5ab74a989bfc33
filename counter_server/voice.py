"""Spoken calls for the waiting hall: a chime, then "Xin mời công dân có số thứ tự A 0 1 2 đến quầy
số 3" said twice, made offline with espeak-ng's Vietnamese voice and kept per phrase on disk.

The files on disk are a cache with a size cap and an age limit (each is ~850 KB): the oldest go
first, and a phrase asked for again is simply made again.

Without espeak-ng the call is the chime alone (the board still shows the text), and the admin
page says why.
"""
import array
import hashlib
import io
import logging
import math
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import wave
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_TEMPLATE = "Xin mời công dân có số thứ tự {number} đến quầy số {counter}"
NUMBER = re.compile(r"^[A-Z]{0,3}[0-9]{1,5}$")
RATE = 22050            # espeak-ng's own output rate: no resampling
VOICE_OPTIONS = ("-v", "vi", "-s", "135", "-g", "4")
CACHE_MAX_BYTES = 200 * 1024 * 1024     # ~240 calls; a centre calls the same numbers every day
CACHE_MAX_AGE = 3 * 24 * 3600           # seconds
UNFINISHED_MAX_AGE = 3600               # a file being written is done in seconds; older is a crash's leftover


def spoken_number(number: str) -> str:
    """'A012' → 'A 0 1 2': letters and digits one by one, as a caller reads a ticket."""
    return " ".join(number)


def phrase(number: str, counter: int, template: str = DEFAULT_TEMPLATE) -> str:
    """The words of one call."""
    return template.format(number=spoken_number(number), counter=counter)


def chime(rate: int = RATE) -> array.array:
    """Two soft bell tones (E6 then C6) with a decay, as 16-bit samples."""
    samples = array.array("h")
    for frequency, seconds in ((1318.5, 0.35), (1046.5, 0.55)):
        count = int(rate * seconds)
        for i in range(count):
            t = i / rate
            envelope = math.exp(-4.0 * t / seconds) * min(1.0, i / (0.01 * rate))
            samples.append(int(9000 * envelope * math.sin(2 * math.pi * frequency * t)))
    return samples


def silence(seconds: float, rate: int = RATE) -> array.array:
    return array.array("h", bytes(2 * int(rate * seconds)))


@dataclass(frozen=True)
class Announcement:
    """A WAV file ready to play, and whether it has the voice or only the chime."""

    path: Path
    spoken: bool
    text: str


class Announcer:
    """Makes and caches call announcements in `directory`."""

    def __init__(self, directory: Path, template: str = DEFAULT_TEMPLATE, espeak: str | None = None,
                 max_bytes: int = CACHE_MAX_BYTES, max_age: float = CACHE_MAX_AGE):
        self.directory, self.template = Path(directory).resolve(), template
        self.max_bytes, self.max_age = max_bytes, max_age
        self.espeak = espeak if espeak is not None else (shutil.which("espeak-ng") or "")
        self._lock = threading.Lock()
        if not self.espeak:
            log.warning("espeak-ng is not installed: calls are announced with a chime only")

    @property
    def has_voice(self) -> bool:
        return bool(self.espeak)

    def call(self, number: str, counter: int) -> Announcement:
        """The announcement for `number` at `counter`, made once and then read from disk."""
        if not NUMBER.match(number) or not 0 < counter < 1000:
            raise ValueError(f"not a ticket number and counter: {number!r}, {counter!r}")
        text = phrase(number, counter, self.template)
        spoken = self.has_voice
        key = hashlib.sha1(f"{spoken}|{VOICE_OPTIONS}|{text}".encode()).hexdigest()[:20]
        path = self.directory / f"call-{key}.wav"
        if not path.exists():
            with self._lock:
                if not path.exists():
                    self._make(path, text, spoken)
        return Announcement(path, spoken, text)

    def audio(self, number: str, counter: int) -> tuple[Announcement, bytes]:
        """The announcement and its WAV bytes. Another worker may remove the file at any moment
        to keep the cache under its cap: once open it is read whole all the same, and one removed
        before it could be opened is made again."""
        for _ in range(3):
            announcement = self.call(number, counter)
            try:
                return announcement, announcement.path.read_bytes()
            except FileNotFoundError:
                continue
        raise OSError(f"the announcement for {number} at {counter} keeps being removed")

    def _make(self, path: Path, text: str, spoken: bool) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        samples = chime()
        if spoken:
            voice = self._speak(text)
            samples += silence(0.3) + voice + silence(0.8) + voice
        samples += silence(0.3)
        # Written under a name the cache never lists, then renamed: nobody reads half a file.
        handle, temporary = tempfile.mkstemp(dir=self.directory, prefix=".call-", suffix=".part")
        os.close(handle)
        os.chmod(temporary, 0o644)
        with wave.open(temporary, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(samples.tobytes())
        os.replace(temporary, path)
        prune(self.directory, self.max_bytes, self.max_age)

    def _speak(self, text: str) -> array.array:
        """espeak-ng's Vietnamese voice, as 16-bit samples at RATE."""
        done = subprocess.run([self.espeak, *VOICE_OPTIONS, "--stdout", text], capture_output=True,
                              timeout=30, check=True)
        with wave.open(io.BytesIO(done.stdout), "rb") as spoken:
            if spoken.getframerate() != RATE or spoken.getsampwidth() != 2 or spoken.getnchannels() != 1:
                raise RuntimeError("espeak-ng answered in an unexpected audio format")
            return array.array("h", spoken.readframes(spoken.getnframes()))


def prune(directory: Path, max_bytes: int, max_age: float, now: float | None = None) -> None:
    """Keep the newest announcements that fit in `max_bytes` and are younger than `max_age`
    seconds, remove the rest. The newest one always stays: it is the one just made."""
    now = time.time() if now is None else now
    made = []
    for path in directory.glob("call-*.wav"):
        try:
            stat = path.stat()
        except FileNotFoundError:       # another worker removed it meanwhile
            continue
        made.append((stat.st_mtime_ns, path.name, path, stat.st_size))
    made.sort(reverse=True)
    total = 0
    for index, (mtime_ns, _, path, size) in enumerate(made):
        total += size
        if index and (total > max_bytes or now - mtime_ns / 1e9 > max_age):
            total = max_bytes + 1       # and every older file goes too
            path.unlink(missing_ok=True)
    for unfinished in directory.glob(".call-*.part"):
        try:
            if now - unfinished.stat().st_mtime > UNFINISHED_MAX_AGE:
                unfinished.unlink(missing_ok=True)
        except FileNotFoundError:
            continue
