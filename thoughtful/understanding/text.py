"""The text the language model sees, the same at training and at run time."""

from __future__ import annotations

from thoughtful.understanding.numbers import words_to_digits


def normalize(text: str) -> str:
    """The text the model sees: lower case, digits for number words, no punctuation."""
    text = text.lower().replace("%", " percent ").replace("°", " degrees ")
    text = "".join(c if c.isalnum() or c in " '." else " " for c in text)
    text = " ".join(w.strip(".") for w in text.split())
    return words_to_digits(text)
