"""The driver interface every device backend implements."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Callable

ExternalChange = Callable[[dict[str, Any]], None]
"""Called with the snapshot keys that changed outside the daemon (at the device, by its own app)."""
Reachability = Callable[[bool], None]
"""Called when a device that says so goes offline (False) or comes back (True)."""


class Driver(ABC):
    """Makes one device match its snapshot.

    Subclasses must override :meth:`apply`; they may override :meth:`read` (sensor
    values, default none), :meth:`tick` (periodic work such as a control loop),
    :meth:`unavailable_states` and :meth:`close`. A driver that learns of a change made outside the daemon
    calls :attr:`on_external_change`.
    """

    def __init__(self) -> None:
        self.on_external_change: ExternalChange | None = None
        self.on_reachable: Reachability | None = None

    @property
    def reports_reachability(self) -> bool:
        """Whether the device says when it goes offline (an MQTT device's availability topic)."""
        return False

    @abstractmethod
    def apply(self, snapshot: dict[str, Any]) -> None:
        """Make the device match ``snapshot`` (already valid against the state model)."""

    def unavailable_states(self) -> dict[str, str]:
        """States of the device's type this device cannot be in, and why (a heat-only
        thermostat has no ``cool``)."""
        return {}

    def read(self) -> dict[str, Any]:
        """Current sensor readings, by snapshot key."""
        return {}

    def tick(self, now: float) -> None:
        """Periodic work; ``now`` is a monotonic time in seconds."""

    def close(self) -> None:
        """Release hardware (pins, connections)."""

    def report_external(self, changed: dict[str, Any]) -> None:
        if self.on_external_change and changed:
            self.on_external_change(changed)

    def report_reachable(self, reachable: bool) -> None:
        if self.on_reachable:
            self.on_reachable(reachable)
