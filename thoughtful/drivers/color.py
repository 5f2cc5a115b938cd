"""Colour arithmetic for lamps: hue/saturation and colour temperature to channel levels."""

from __future__ import annotations

import colorsys
import math


def hs_to_rgb(hue: float, saturation: float, level: float) -> tuple[float, float, float]:
    """Hue 0-359, saturation 0-100, level 0-1 → (r, g, b) in 0-1."""
    return colorsys.hsv_to_rgb((hue % 360) / 360, saturation / 100, level)


def kelvin_to_rgb(kelvin: float, level: float) -> tuple[float, float, float]:
    """Approximate RGB of a black body at ``kelvin`` (Tanner Helland's fit), scaled to ``level``."""
    t = kelvin / 100
    r = 1.0 if t <= 66 else min(1.0, 329.698727446 * (t - 60) ** -0.1332047592 / 255)
    g = (99.4708025861 * math.log(t) - 161.1195681661) / 255 if t <= 66 \
        else 288.1221695283 * (t - 60) ** -0.0755148492 / 255
    b = 1.0 if t >= 66 else 0.0 if t <= 19 else (138.5177312231 * math.log(t - 10) - 305.0447927307) / 255
    return tuple(max(0.0, min(1.0, c)) * level for c in (r, g, b))  # type: ignore[return-value]


def warm_cool_mix(kelvin: float, level: float, warm_k: float = 2200, cool_k: float = 6500) -> tuple[float, float]:
    """Levels of a warm-white and a cool-white channel that make ``kelvin`` at ``level``."""
    cool = max(0.0, min(1.0, (kelvin - warm_k) / (cool_k - warm_k)))
    return (1 - cool) * level, cool * level
