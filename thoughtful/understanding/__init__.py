"""Understanding: utterance + snapshots → actions, explanations, rejections.

Modules: ``numbers`` (spoken numbers), ``vocabulary`` (words derived from the
state models), ``labels`` (the model's outputs, derived from the state models),
``synthesis`` (training examples), ``train`` (train extra only), ``runtime``
(onnxruntime inference), ``resolve`` (which devices), ``planner`` (operations →
changes), ``explain`` (grounded replies), ``interpreter`` (the pipeline) and
``contract`` (the ``interpret --batch`` line format).
"""
