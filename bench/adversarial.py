"""Adversarial drafts, shared by bench/attack.py (timings) and tests/attack (behaviour)."""

from __future__ import annotations

from collections.abc import Iterator

import re2

from app.rules.loader import RuleSet

MAX = 20_000


def fixed() -> dict[str, str]:
    """Named adversarial drafts of up to 20,000 characters."""
    return {
        "one char x20000": "a" * MAX,
        "space x20000": " " * MAX,
        "digit x20000": "5" * MAX,
        "newline x20000": "\n" * MAX,
        "[ x20000": "[" * MAX,
        "( ) nested x10000": "(" * (MAX // 2) + ")" * (MAX // 2),
        "[[a]] nesting": ("[" * 50 + "a" + "]" * 50) * (MAX // 101),
        "quote x20000": "'" * MAX,
        "emoji x20000": "🎉" * (MAX // 2),
        "emoji spaced": "🎉 " * (MAX // 3),
        "emoji and letters": "🎉a" * (MAX // 3),
        "flags and skin tones": "🇺🇸👍🏽" * (MAX // 6),
        "zero-width x20000": "\u200b" * MAX,
        "combining x20000": "a" + "\u0301" * (MAX - 1),
        "mixed scripts": "Maria Мария Μαρία 玛丽亚 ماريا मारिया " * (MAX // 40),
        "spaced letters": "M a r i a " * (MAX // 10),
        "spelled digits": "five " * (MAX // 5),
        "dotted digits": "5." * (MAX // 2),
        "at dot": "a at b dot " * (MAX // 11),
        "(at) (dot)": "a (at) b (dot) " * (MAX // 15),
        "leet": "j0hn " * (MAX // 5),
        "a: pairs": "a:" * (MAX // 2),
        "url": "https://example.org/" + "a/" * (MAX // 2 - 10),
        "words": "my client Maria Lopez at 12 Main St " * (MAX // 36),
    }


def rule_worst_cases(ruleset: RuleSet) -> Iterator[tuple[str, str]]:
    """Per rule regex: its literal characters repeated, and each example repeated, to
    20,000 characters; what a backtracking engine would choke on."""
    for pack, rule in ruleset.rules():
        rid = f"{pack.id}.{rule.id}"
        patterns = [*rule.match.regex, *rule.match.exclude] if rule.match else []
        for n, pattern in enumerate(patterns):
            re2.compile(pattern)  # every rule pattern is RE2 (the loader insists)
            chars = "".join(sorted({c for c in pattern if c.isprintable() and c not in "\\"}))
            yield f"{rid} regex {n} chars", (chars * (MAX // max(1, len(chars)) + 1))[:MAX]
        for n, example in enumerate(rule.examples.match[:1]):
            text = example.replace("[[", "").replace("]]", "") + " "
            yield f"{rid} example {n}", (text * (MAX // len(text) + 1))[:MAX]
