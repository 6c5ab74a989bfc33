"""Spoken calls for the waiting hall: a chime, then "Xin mời công dân có số thứ tự A 0 1 2 đến quầy
số 3" said twice, made offline with espeak-ng's Vietnamese voice and kept per phrase on disk.

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
import wave
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

DEFAULT_TEMPLATE = "Xin mời công dân có số thứ tự {number} đến quầy số {counter}"
NUMBER = re.compile(r"^[A-Z]{0,3}[0-9]{1,5}$")
RATE = 22050            # espeak-ng's own output rate: no resampling
VOICE_OPTIONS = ("-v", "vi", "-s", "135", "-g", "4")


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

    def __init__(self, directory: Path, template: str = DEFAULT_TEMPLATE, espeak: str | None = None):
        self.directory, self.template = Path(directory).resolve(), template
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

    def _make(self, path: Path, text: str, spoken: bool) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        samples = chime()
        if spoken:
            voice = self._speak(text)
            samples += silence(0.3) + voice + silence(0.8) + voice
        samples += silence(0.3)
        handle, temporary = tempfile.mkstemp(dir=self.directory, suffix=".wav")
        os.close(handle)
        os.chmod(temporary, 0o644)
        with wave.open(temporary, "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(samples.tobytes())
        os.replace(temporary, path)

    def _speak(self, text: str) -> array.array:
        """espeak-ng's Vietnamese voice, as 16-bit samples at RATE."""
        done = subprocess.run([self.espeak, *VOICE_OPTIONS, "--stdout", text], capture_output=True,
                              timeout=30, check=True)
        with wave.open(io.BytesIO(done.stdout), "rb") as spoken:
            if spoken.getframerate() != RATE or spoken.getsampwidth() != 2 or spoken.getnchannels() != 1:
                raise RuntimeError("espeak-ng answered in an unexpected audio format")
            return array.array("h", spoken.readframes(spoken.getnframes()))
