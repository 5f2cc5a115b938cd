"""Whisper in plain PyTorch over a CTranslate2 ``WhisperSpec`` model's variables.

Only for adapting the recognizer (:mod:`thoughtful.speech.adapt`, needs the ``train`` extra):
the runtime stays CTranslate2. The layers follow OpenAI's Whisper (pre-norm transformer, GELU,
convolutional front end, sinusoidal encoder positions, learned decoder positions, output
projection tied to the token embedding); each parameter keeps the name it has in the
CTranslate2 file, so :meth:`Whisper.variables` writes the trained weights back under it.
"""

from __future__ import annotations

import re

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


class Whisper(nn.Module):
    def __init__(self, variables: dict[str, np.ndarray]) -> None:
        super().__init__()
        self.source = variables
        self.named: dict[str, nn.Parameter] = {}
        self.heads = int(variables["encoder/num_heads"])
        self.encoder_layers = self._count("encoder")
        self.decoder_layers = self._count("decoder")
        self.params = nn.ParameterList(self._parameter(k) for k, v in variables.items()
                                       if v.dtype == np.float16 or v.dtype == np.float32)

    def _count(self, side: str) -> int:
        return len({k.split("/")[1] for k in self.source if re.match(rf"{side}/layer_\d+/", k)})

    def _parameter(self, name: str) -> nn.Parameter:
        self.named[name] = nn.Parameter(torch.tensor(self.source[name].astype(np.float32)))
        return self.named[name]

    def p(self, name: str) -> nn.Parameter:
        return self.named[name]

    def _norm(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.layer_norm(x, x.shape[-1:], self.p(f"{name}/gamma"), self.p(f"{name}/beta"))

    def _linear(self, x: torch.Tensor, name: str) -> torch.Tensor:
        return F.linear(x, self.p(f"{name}/weight"), self.p(f"{name}/bias"))

    def _attend(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, causal: bool) -> torch.Tensor:
        b, n, d = q.shape
        split = lambda t: t.view(b, t.shape[1], self.heads, -1).transpose(1, 2)  # noqa: E731
        out = F.scaled_dot_product_attention(split(q), split(k), split(v), is_causal=causal)
        return out.transpose(1, 2).reshape(b, n, d)

    def _self_attention(self, x: torch.Tensor, name: str, causal: bool) -> torch.Tensor:
        q, k, v = self._linear(self._norm(x, f"{name}/layer_norm"), f"{name}/linear_0").chunk(3, dim=-1)
        return self._linear(self._attend(q, k, v, causal), f"{name}/linear_1")

    def _cross_attention(self, x: torch.Tensor, encoded: torch.Tensor, name: str) -> torch.Tensor:
        q = self._linear(self._norm(x, f"{name}/layer_norm"), f"{name}/linear_0")
        k, v = self._linear(encoded, f"{name}/linear_1").chunk(2, dim=-1)
        return self._linear(self._attend(q, k, v, False), f"{name}/linear_2")

    def _ffn(self, x: torch.Tensor, name: str) -> torch.Tensor:
        hidden = F.gelu(self._linear(self._norm(x, f"{name}/layer_norm"), f"{name}/linear_0"))
        return self._linear(hidden, f"{name}/linear_1")

    def encode(self, mel: torch.Tensor, until: int | None = None) -> torch.Tensor:
        """Log-mel features [batch, 80, frames] → encoder states [batch, frames / 2, width];
        with ``until``, the states that go into encoder layer ``until`` (see :meth:`encode_from`)."""
        x = F.gelu(F.conv1d(mel, self.p("encoder/conv1/weight"), self.p("encoder/conv1/bias"), padding=1))
        x = F.gelu(F.conv1d(x, self.p("encoder/conv2/weight"), self.p("encoder/conv2/bias"), stride=2, padding=1))
        x = x.transpose(1, 2) + self.p("encoder/position_encodings/encodings")[:x.shape[2]]
        return self.encode_from(x, 0, until)

    def encode_from(self, x: torch.Tensor, start: int, until: int | None = None) -> torch.Tensor:
        """Encoder layers ``start`` up to ``until`` (to the end and the final norm if None)."""
        for i in range(start, self.encoder_layers if until is None else until):
            x = x + self._self_attention(x, f"encoder/layer_{i}/self_attention", causal=False)
            x = x + self._ffn(x, f"encoder/layer_{i}/ffn")
        return x if until is not None else self._norm(x, "encoder/layer_norm")

    def decode(self, tokens: torch.Tensor, encoded: torch.Tensor) -> torch.Tensor:
        """Token ids [batch, length] → the decoder's last states [batch, length, width]."""
        x = self.p("decoder/embeddings/weight")[tokens] + self.p("decoder/position_encodings/encodings")[:tokens.shape[1]]
        for i in range(self.decoder_layers):
            x = x + self._self_attention(x, f"decoder/layer_{i}/self_attention", causal=True)
            x = x + self._cross_attention(x, encoded, f"decoder/layer_{i}/attention")
            x = x + self._ffn(x, f"decoder/layer_{i}/ffn")
        return self._norm(x, "decoder/layer_norm")

    def logits(self, states: torch.Tensor) -> torch.Tensor:
        return states @ self.p("decoder/embeddings/weight").T

    def adapted_parameters(self, encoder_start: int) -> list[nn.Parameter]:
        """The decoder's layers and final norm (not the token embedding or the positions), and
        the encoder's layers from ``encoder_start`` on with its final norm."""
        encoder = tuple(f"encoder/layer_{i}/" for i in range(encoder_start, self.encoder_layers))
        if encoder:
            encoder += ("encoder/layer_norm/",)
        return [p for k, p in self.named.items() if k.startswith(("decoder/layer", *encoder))]

    def variables(self) -> dict[str, np.ndarray]:
        """The model's weights as CTranslate2 variables, in the source's types and order."""
        return {k: (self.named[k].detach().numpy().astype(v.dtype) if k in self.named else v)
                for k, v in self.source.items()}
