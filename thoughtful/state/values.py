"""Validating and clamping single values against a setting's specification."""

from __future__ import annotations

import math
from typing import Any

from thoughtful.errors import StateError
from thoughtful.state.schema import Setting


def c_to_f(value: float, relative: bool = False) -> float:
    """°C → °F (snapshots are in °F); a ``relative`` amount ("2 degrees warmer") only scales."""
    return value * 9 / 5 if relative else value * 9 / 5 + 32


def f_to_c(value: float) -> float:
    return (value - 32) * 5 / 9


def step_of(spec: Setting, temperature: str = "F") -> float:
    """One "a bit more" step of ``spec`` as a home speaks it, in the snapshot's unit: a home
    that speaks Celsius (``temperature`` "C") steps a temperature by 1 °C, 1.8 °F."""
    step = spec.step or 1
    return round(c_to_f(step, relative=True), 1) if spec.quantity == "temperature" and temperature == "C" else step


def _round_number(spec: Setting, value: float) -> float | int:
    if spec.kind == "integer":
        return int(round(value))
    rounded = round(float(value), 1)
    return int(rounded) if rounded.is_integer() else rounded


def coerce(key: str, spec: Setting, value: Any) -> tuple[Any, str | None]:
    """Return ``(valid value, note)``; the note says what was clamped, if anything.

    Raises :class:`StateError` for a value of the wrong kind (a word for a number,
    an unknown enum value).
    """
    if spec.kind in ("integer", "number"):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            raise StateError(f"{key}: expected a finite number, got {value!r}")
        clamped = value
        if spec.min is not None and clamped < spec.min:
            clamped = spec.min
        if spec.max is not None and clamped > spec.max:
            clamped = spec.max
        result = _round_number(spec, clamped)
        note = None
        if clamped != value:
            note = f"{key} {format_number(value)} is out of range, so it was set to {format_number(result)}{spec.unit}"
        return result, note
    if spec.kind == "enum":
        text = str(value).lower() if isinstance(value, (str, bool)) else value
        if text is True:
            text = "on"
        if text not in spec.values:
            raise StateError(f"{key}: {value!r} is not one of {', '.join(spec.values)}")
        return text, None
    if spec.kind == "color":
        if not isinstance(value, dict) or "hue" not in value:
            raise StateError(f"{key}: expected {{'hue': 0-359, 'saturation': 0-100}}, got {value!r}")
        hue, sat = value.get("hue"), value.get("saturation", 100)
        for part, v in (("hue", hue), ("saturation", sat)):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or math.isnan(v):
                raise StateError(f"{key}.{part}: expected a number, got {v!r}")
        note = None
        if not 0 <= sat <= 100:
            note = f"{key} saturation {format_number(sat)} is out of range, so it was clamped"
        return {"hue": int(round(hue)) % 360, "saturation": int(round(min(100, max(0, sat))))}, note
    raise StateError(f"{key}: unsupported kind {spec.kind}")  # pragma: no cover - schema forbids it


def format_number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
