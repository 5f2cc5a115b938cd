"""``thoughtful install-service``: install the systemd unit for this installation."""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import subprocess
import sys
from pathlib import Path

from thoughtful.settings import builtin_systemd_dir

UNIT = "thoughtful.service"
STATE_DIR = Path("/var/lib/thoughtful")
"""systemd's ``StateDirectory=thoughtful``."""
DEFAULT_CONFIG = """\
# thoughtful configuration. See the README for every key.
# home: /etc/thoughtful/home.yaml      # your devices; the simulated default home when unset
# speaker_room: living room
# mqtt: {host: localhost, port: 1883}
"""


def render_unit(executable: Path, config: Path, docs: Path) -> str:
    return ((builtin_systemd_dir() / UNIT).read_text().replace("@EXEC@", str(executable)).replace("@CONFIG@", str(config))
            .replace("@DOCS@", str(docs)))


def write_default_config(config: Path, group: int) -> None:
    """The starting configuration, readable by root and ``group`` only: it may come to hold the
    MQTT password."""
    config.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(config, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)  # never readable by others, not even briefly
    with os.fdopen(fd, "w") as handle:
        handle.write(DEFAULT_CONFIG)
    os.chown(config, 0 if os.geteuid() == 0 else -1, group)
    config.chmod(0o640)


def _prepare_model(config: Path) -> None:
    """Train (or copy) the language model into the service's data directory now, as root, so
    the service itself never trains (it runs with ``--no-train``)."""
    from thoughtful.settings import load_settings
    from thoughtful.state.schema import load_state_models
    from thoughtful.understanding.loader import ensure_model

    os.environ.setdefault("THOUGHTFUL_DATA_DIR", str(STATE_DIR))  # the default data_dir, as systemd will set it
    settings = load_settings(config)
    print(f"the language model in {settings.language_model_dir}: checking, training it if needed "
          f"(minutes; half an hour on a Pi 4)", flush=True)
    ensure_model(settings.language_model_dir, load_state_models(settings.all_statemodel_dirs))
    for path in [settings.data_dir, *settings.data_dir.rglob("*")]:
        shutil.chown(path, "thoughtful", "thoughtful")


def install(config: Path, dry_run: bool = False, unit_dir: Path = Path("/etc/systemd/system")) -> str:
    executable = Path(sys.executable).parent / "thoughtful"
    docs = Path(__file__).resolve().parent.parent / "README.md"
    unit = render_unit(executable, config, docs)
    if dry_run:
        return unit
    if not shutil.which("systemctl"):
        raise SystemExit("systemctl not found: is this a systemd system?")
    try:
        pwd.getpwnam("thoughtful")
    except KeyError:
        subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", "thoughtful"],
                       check=True)
    for group in ("gpio", "audio"):
        try:
            grp.getgrnam(group)
            subprocess.run(["usermod", "-aG", group, "thoughtful"], check=True)
        except KeyError:
            pass
    if not config.exists():
        write_default_config(config, grp.getgrnam("thoughtful").gr_gid)
    _prepare_model(config)
    (unit_dir / UNIT).write_text(unit)
    subprocess.run(["systemctl", "daemon-reload"], check=True)
    subprocess.run(["systemctl", "enable", UNIT], check=True)
    subprocess.run(["systemctl", "restart", UNIT], check=True)  # a running one takes the new unit and model
    return f"installed {unit_dir / UNIT}; follow it with: journalctl -u thoughtful -f"
