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
    """The folder inside the archive (and under the destination)."""


MODELS = {
    # SHA-256 as published with numen's install script for this archive.
    "vosk-en-us-small": Downloadable(
        "https://alphacephei.com/vosk/models/vosk-model-small-en-us-0.15.zip",
        "30f26242c4eb449f948e42cb302dd7a686cb29a3423a8367f99ff41780942498",
        "vosk-model-small-en-us-0.15"),
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
    target = destination / spec.directory
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
