"""Imports point down the layers: the state layer knows no driver, the MQTT transport knows no
device, and drivers know neither integrations nor the daemon (issue 12)."""

import ast
from pathlib import Path

import pytest

import thoughtful

PACKAGE = Path(thoughtful.__file__).parent

BELOW = {
    "state": {"errors", "yamlfile", "state"},
    "transport": {"errors", "transport"},
    "drivers": {"errors", "yamlfile", "state", "transport", "drivers"},
}
"""Each layer → the parts of thoughtful its modules may import."""


def imported_parts(path: Path) -> dict[str, int]:
    """The first component under ``thoughtful`` of every import in ``path`` → its line."""
    parts: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] if node.module != "thoughtful" else [f"thoughtful.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            pieces = name.split(".")
            if pieces[0] == "thoughtful" and len(pieces) > 1:
                parts.setdefault(pieces[1], node.lineno)
    return parts


@pytest.mark.parametrize("layer", sorted(BELOW))
def test_a_layer_imports_only_what_is_below_it(layer):
    wrong = [f"{path.relative_to(PACKAGE)}:{line} imports thoughtful.{part}"
             for path in sorted((PACKAGE / layer).glob("*.py"))
             for part, line in imported_parts(path).items() if part not in BELOW[layer]]
    assert not wrong, "\n".join(wrong)


def test_the_check_sees_an_upward_import(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("from thoughtful.drivers.control import Outputs\ndef f():\n    from thoughtful import daemon\n")
    assert imported_parts(module) == {"drivers": 1, "daemon": 3}


def test_every_package_is_installed():
    """A package missing from pyproject.toml works in the editable checkout and is absent from
    a wheel (``pip install .`` on a Pi)."""
    import tomllib

    listed = set(tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(PACKAGE.parent).parts) for p in PACKAGE.rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
