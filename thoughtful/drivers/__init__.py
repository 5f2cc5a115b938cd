"""Drivers: snapshots become light and heat.

``base`` defines the interface; ``simulated`` (the default), ``gpio`` (gpiozero,
pin factory injected) and ``mqtt`` implement it; ``control`` is the
thermostat's safety-first control loop; ``sensors`` reads temperatures.
"""
