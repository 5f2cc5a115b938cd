"""The one way the understanding layer asks instead of guessing."""

from __future__ import annotations


class Ask(Exception):
    """A question to put to the person instead of acting: a detail is missing ("To what
    brightness?") or a device is unclear ("Which lamp do you mean: …?"). Raised where the doubt
    arises, answered as a ``clarify`` reply by the interpreter."""
