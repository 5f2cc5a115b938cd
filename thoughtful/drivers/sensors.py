"""Temperature sensors for the thermostat: a DS18B20 on 1-wire, or the last value pushed to it."""

from __future__ import annotations

import logging
import time
from pathlib import Path

from thoughtful.state.values import c_to_f

log = logging.getLogger(__name__)


def parse_w1_slave(text: str) -> float:
    """°F from a DS18B20's ``w1_slave`` file; ValueError when the CRC failed or it is malformed."""
    lines = text.strip().splitlines()
    if len(lines) < 2 or not lines[0].strip().endswith("YES"):
        raise ValueError("CRC check failed or incomplete reading")
    _, sep, milli = lines[1].rpartition("t=")
    if not sep:
        raise ValueError("no 't=' value")
    celsius = int(milli) / 1000
    if celsius == 85.0:  # the power-on reset value, not a measurement
        raise ValueError("power-on reset value 85 °C")
    return c_to_f(celsius)


class DS18B20:
    """Reads ``/sys/bus/w1/devices/28-*/w1_slave`` (path configurable). Failures return
    ``(None, None)`` and are logged, so the control loop's failsafe takes over."""

    def __init__(self, path: Path, clock=time.monotonic) -> None:
        self.path = path
        self.clock = clock
        self.failure: str | None = None
        """The current read failure, logged once (not at every tick), and its end once."""

    def __call__(self) -> tuple[float | None, float | None]:
        try:
            value = parse_w1_slave(self.path.read_text())
        except (OSError, ValueError) as exc:
            if str(exc) != self.failure:
                log.warning("%s: cannot read temperature: %s (said once; the failsafe holds the relays off)",
                            self.path, exc)
            self.failure = str(exc)
            return None, None
        if self.failure is not None:
            log.warning("%s: temperature readable again", self.path)
            self.failure = None
        return value, self.clock()


class PushedReading:
    """A reading someone else delivers (an MQTT sensor topic, a simulation)."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.value: float | None = None
        self.at: float | None = None

    def push(self, value: float) -> None:
        self.value, self.at = value, self.clock()

    def __call__(self) -> tuple[float | None, float | None]:
        return self.value, self.at
