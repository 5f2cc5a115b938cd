"""``thoughtful eval``: score case files against their ``expect`` (contract §3)."""

from __future__ import annotations

from typing import Any

NEITHER_ACTS = {"reject", "clarify"}


def _hue_distance(a: float, b: float) -> float:
    d = abs(a - b) % 360
    return min(d, 360 - d)


def check_field(check: Any, before: dict, after: dict, key: str) -> str | None:
    """None when ``after[key]`` satisfies ``check``; otherwise what is wrong."""
    value = after.get(key)
    if isinstance(check, dict):
        if check.get("absent"):
            return None if key not in after else f"{key} should be absent, is {value!r}"
        if check.get("same"):
            return None if before.get(key) == value else f"{key} changed {before.get(key)!r} → {value!r}"
        if "hue_near" in check:
            if not isinstance(value, dict):
                return f"{key} is {value!r}, not a colour"
            tol = check.get("tol", 30)
            ok = _hue_distance(value.get("hue", 0), check["hue_near"]) <= tol and value.get("saturation", 0) >= 30
            return None if ok else f"{key} {value!r} is not near hue {check['hue_near']}"
        if not isinstance(value, (int, float)):
            return f"{key} is {value!r}, expected a number"
        if "min" in check and value < check["min"]:
            return f"{key} {value} < {check['min']}"
        if "max" in check and value > check["max"]:
            return f"{key} {value} > {check['max']}"
        old = before.get(key)
        for direction, sign in (("up", 1), ("down", -1)):
            if direction in check:
                if not isinstance(old, (int, float)) or sign * (value - old) < check[direction]:
                    return f"{key} {old} → {value}: not {direction} by {check[direction]}"
        return None
    return None if value == check else f"{key} is {value!r}, expected {check!r}"


def check_case(expect: dict, case: dict, output: dict) -> list[str]:
    """Problems with ``output`` against ``expect`` (empty when the case passes)."""
    if "error" in output:
        return [f"error: {output['error']}"]
    if "any_of" in expect:
        base = {k: v for k, v in expect.items() if k != "any_of"}
        results = [check_case({**base, **alternative}, case, output) for alternative in expect["any_of"]]
        return [] if any(not r for r in results) else results[0]
    problems = []
    kind = expect.get("kind")
    if kind and output.get("kind") != kind and not (kind == "reject" and output.get("kind") in NEITHER_ACTS):
        problems.append(f"kind {output.get('kind')}, expected {kind}")
    before = {d["name"]: d["snapshot"] for d in case["home"]}
    after = output.get("after", {})
    for name, checks in expect.items():
        if name in ("kind", "say_mentions_any", "unchanged", "any_of"):
            continue
        for key, check in checks.items():
            problem = check_field(check, before.get(name, {}), after.get(name, {}), key)
            if problem:
                problems.append(f"{name}: {problem}")
    for name in expect.get("unchanged", []):
        if after.get(name) != before.get(name):
            problems.append(f"{name} changed")
    if kind in ("explanation", "reject", "clarify") or output.get("kind") in ("explanation", "reject", "clarify"):
        if output.get("kind") != "action" and any(after.get(n) != s for n, s in before.items()):
            problems.append("a device changed without an action")
    mentions = expect.get("say_mentions_any")
    if mentions and not any(m.lower() in output.get("say", "").lower() for m in mentions):
        problems.append(f"say {output.get('say')!r} mentions none of {mentions}")
    return problems


def wrong_action(case: dict, output: dict, problems: list[str]) -> bool:
    """A failed case that changed a device: worse than doing nothing."""
    if not problems or "error" in output:
        return False
    after = output.get("after", {})
    return any(after.get(d["name"]) != d["snapshot"] for d in case["home"])
