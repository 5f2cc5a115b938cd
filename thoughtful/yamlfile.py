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


def line_of(text: str, loc: tuple) -> int | None:
    """The 1-based line where ``loc`` (a pydantic error location) is written in the YAML
    ``text``: the deepest node of the path that exists (an extra or missing key points at its
    mapping). None when the text cannot be composed."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError:
        return None
    line = node.start_mark.line + 1 if node is not None else None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == str(part)), None)
            line = (node.start_mark.line + 1) if node is not None else line
            if node is None:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break  # a pydantic-only part of the path (a union member's name): stay where we are
    return line


def validation_message(source: str, error: ValidationError, text: str | None = None) -> str:
    lines = [f"{source}: invalid"]
    for item in error.errors():
        line = line_of(text, item["loc"]) if text is not None else None
        where = f" (line {line})" if line else ""
        lines.append(f"  at {format_location(item['loc'])}{where}: {item['msg']}")
    return "\n".join(lines)


def load_yaml_model(path: Path, model: type[M], *, text: str | None = None) -> M:
    """Parse ``path`` (or ``text`` read from it) and validate it as ``model``."""
    try:
        text = path.read_text(encoding="utf-8") if text is None else text
        raw = load_yaml(text)
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
        raise ConfigError(validation_message(str(path), exc, text)) from exc
