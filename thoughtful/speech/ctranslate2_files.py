"""Reading and writing CTranslate2 ``model.bin`` files.

The format is the one ``ctranslate2.specs.ModelSpec`` writes: a version, the spec's name and
revision, then named arrays (rank, shape, type, bytes) and aliases. Used to adapt Whisper's
weights (:mod:`thoughtful.speech.adapt`) and write them back for the same runtime.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_TYPES = {0: np.float32, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.float16}
_IDS = {np.dtype(t): i for i, t in _TYPES.items()}


@dataclass
class ModelFile:
    version: int
    name: str
    revision: int
    variables: dict[str, np.ndarray]
    aliases: dict[str, str] = field(default_factory=dict)


def read(path: Path) -> ModelFile:
    data = Path(path).read_bytes()
    pos = 0

    def number(fmt: str) -> int:
        nonlocal pos
        (value,) = struct.unpack_from("<" + fmt, data, pos)
        pos += struct.calcsize("<" + fmt)
        return value

    def string() -> str:
        nonlocal pos
        length = number("H")
        text = data[pos:pos + length - 1].decode("utf-8")
        pos += length
        return text

    version, name, revision = number("I"), string(), number("I")
    variables = {}
    for _ in range(number("I")):
        key = string()
        shape = [number("I") for _ in range(number("B"))]
        dtype, size = _TYPES[number("B")], number("I")
        variables[key] = np.frombuffer(data[pos:pos + size], dtype=dtype).reshape(shape).copy()
        pos += size
    aliases = {}
    for _ in range(number("I")):
        alias = string()
        aliases[alias] = string()
    return ModelFile(version, name, revision, variables, aliases)


def write(path: Path, model: ModelFile) -> None:
    with open(path, "wb") as out:
        def string(text: str) -> None:
            out.write(struct.pack("<H", len(text) + 1) + text.encode("utf-8") + b"\0")

        out.write(struct.pack("<I", model.version))
        string(model.name)
        out.write(struct.pack("<II", model.revision, len(model.variables)))
        for key, value in model.variables.items():
            value = np.array(value, order="C", copy=True)  # keeps a 0-d array 0-d
            string(key)
            out.write(struct.pack("<B", value.ndim) + b"".join(struct.pack("<I", d) for d in value.shape))
            out.write(struct.pack("<BI", _IDS[value.dtype], value.nbytes) + value.tobytes())
        out.write(struct.pack("<I", len(model.aliases)))
        for alias, target in model.aliases.items():
            string(alias)
            string(target)
