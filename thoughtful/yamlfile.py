"""Loading YAML files into pydantic models with errors that name the file and path."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from thoughtful.errors import ConfigError

M = TypeVar("M", bound=BaseModel)


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans: only true/false. ``on``, ``off``, ``yes`` and ``no`` stay strings,
    because they are state and setting names here (YAML 1.1 would read ``on:`` as ``True``)."""


_BOOL = "tag:yaml.org,2002:bool"
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _BOOL]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_yaml(text: str):
    return yaml.load(text, Loader=_Loader)


def format_location(loc: tuple) -> str:
    """``('states', 'on', 'settings', 0)`` → ``states.on.settings[0]``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def validation_message(source: str, error: ValidationError) -> str:
    lines = [f"{source}: invalid"]
    for item in error.errors():
        lines.append(f"  at {format_location(item['loc'])}: {item['msg']}")
    return "\n".join(lines)


def load_yaml_model(path: Path, model: type[M], *, text: str | None = None) -> M:
    """Parse ``path`` (or ``text`` read from it) and validate it as ``model``."""
    try:
        raw = load_yaml(path.read_text(encoding="utf-8") if text is None else text)
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}:{where}: not valid YAML: {problem}") from exc
    if raw is None:  # an empty file: every key takes its default
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level, got {type(raw).__name__}")
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ConfigError(validation_message(str(path), exc)) from exc
