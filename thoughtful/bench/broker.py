"""A throw-away mosquitto on a loopback port, for benchmarks and tests."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Broker:
    def __init__(self, workdir: Path, settings: str = "allow_anonymous true\n") -> None:
        self.port = free_port()
        self.config = workdir / "mosquitto.conf"
        # user root: started as root, mosquitto would otherwise drop to its own user and lose
        # access to files in a private temporary folder (a password file).
        self.config.write_text(f"listener {self.port} 127.0.0.1\npersistence false\nset_tcp_nodelay true\n"
                               "user root\n" + settings)
        self.process: subprocess.Popen | None = None

    def start(self) -> "Broker":
        binary = shutil.which("mosquitto") or "/usr/sbin/mosquitto"
        self.process = subprocess.Popen([binary, "-c", str(self.config)], stdout=subprocess.DEVNULL,
                                        stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"mosquitto did not start on port {self.port}")

    def stop(self) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None
