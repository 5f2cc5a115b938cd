"""A home: its devices, their provenance log, and saving both."""

from __future__ import annotations

import copy
import logging
from datetime import datetime
from typing import Any

from pydantic import ValidationError

from thoughtful.errors import StateError
from thoughtful.state.device import Applied, Change, Device
from thoughtful.state.persistence import StateFile
from thoughtful.state.provenance import ProvenanceLog, Source
from thoughtful.state.registry import HomeConfig, Routine, Units
from thoughtful.state.schema import StateModel

log = logging.getLogger(__name__)


class Home:
    """Devices by name, the provenance log, and the home's units."""

    def __init__(self, devices: list[Device], units: Units | None = None,
                 provenance: ProvenanceLog | None = None, routines: dict[str, Routine] | None = None) -> None:
        self.devices: dict[str, Device] = {d.name: d for d in devices}
        self.units = units or Units()
        self.provenance = provenance or ProvenanceLog()
        self.routines: dict[str, Routine] = dict(routines or {})

    def __getitem__(self, name: str) -> Device:
        return self.devices[name]

    def types(self) -> set[str]:
        """The device types the home has."""
        return {d.type for d in self.devices.values()}

    def snapshots(self) -> dict[str, dict[str, Any]]:
        return {name: dict(d.snapshot) for name, d in self.devices.items()}

    def rehearsal(self) -> "Home":
        """A copy to try a request on: what is applied to it never reaches this home (the
        devices' snapshots, remembered settings and the log are copies; state models shared)."""
        devices = []
        for device in self.devices.values():
            twin = copy.copy(device)
            twin.snapshot, twin.memory = copy.deepcopy(device.snapshot), copy.deepcopy(device.memory)
            twin.unavailable = dict(device.unavailable)
            devices.append(twin)
        return Home(devices, self.units, self.provenance.copy(), self.routines)

    def apply(self, name: str, change: Change, *, by: Source, why: str,
              at: datetime | None = None) -> Applied:
        return self.devices[name].apply(change, by=by, why=why, log=self.provenance, at=at)

    # --- persistence -----------------------------------------------------------------
    @classmethod
    def from_config(cls, config: HomeConfig, models: dict[str, StateModel],
                    state_file: StateFile | None = None) -> "Home":
        saved = state_file.load() if state_file else {}
        saved_devices = saved.get("devices", {})
        devices = []
        for dc in config.devices:
            entry = saved_devices.get(dc.name) or {}
            device = Device(dc.name, models[dc.type], room=dc.room)
            if not isinstance(entry, dict):
                log.error("%s: saved state is not an object (%.80r); using defaults", dc.name, entry)
            elif entry.get("snapshot") is not None:
                try:
                    device = Device(dc.name, models[dc.type], room=dc.room,
                                    snapshot=entry["snapshot"], memory=entry.get("memory"))
                except (StateError, TypeError, AttributeError) as exc:
                    log.error("%s: saved state is not valid any more (%s); using defaults", dc.name, exc)
            devices.append(device)
        try:
            provenance = ProvenanceLog.from_json(saved.get("provenance", []))
        except (ValidationError, TypeError) as exc:
            log.error("saved provenance log is not valid (%s); starting a new one", exc)
            provenance = ProvenanceLog()
        return cls(devices, config.units, provenance, config.routines)

    def to_json(self) -> dict[str, Any]:
        return {
            "devices": {name: {"snapshot": d.snapshot, "memory": d.memory} for name, d in self.devices.items()},
            "provenance": self.provenance.to_json(),
        }
