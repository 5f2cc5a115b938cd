"""One exception tree for the whole project.

Every error a user can cause (a broken YAML file, an unknown device, a missing
model) is a :class:`ThoughtfulError` whose message says what was wrong and where.
"""


class ThoughtfulError(Exception):
    """Base of every error thoughtful raises on purpose."""


class ConfigError(ThoughtfulError, ValueError):
    """A configuration, state-model or device file is invalid."""


class StateError(ThoughtfulError, ValueError):
    """A change cannot be applied to a device (unknown key, bad state, bad transition)."""


class ModelMissingError(ThoughtfulError, FileNotFoundError):
    """The language model is missing, stale or corrupt."""
