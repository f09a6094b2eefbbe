"""The README's security section: every OWASP API Security Top 10 (2023) item, and only tests
that exist."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ITEMS = [
    "API1 Broken Object Level Authorization",
    "API2 Broken Authentication",
    "API3 Broken Object Property Level Authorization",
    "API4 Unrestricted Resource Consumption",
    "API5 Broken Function Level Authorization",
    "API6 Unrestricted Access to Sensitive Business Flows",
    "API7 Server Side Request Forgery",
    "API8 Security Misconfiguration",
    "API9 Improper Inventory Management",
    "API10 Unsafe Consumption of APIs",
]


def _section() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index("\n## Security\n")
    end = text.index("\n## ", start + 1)
    return text[start:end]


def test_the_security_section_answers_each_owasp_api_item_in_order():
    section = _section()
    where = [section.find(f"**{item}.**") for item in ITEMS]
    assert all(w >= 0 for w in where), [i for i, w in zip(ITEMS, where, strict=True) if w < 0]
    assert where == sorted(where)


def test_every_test_the_security_section_names_exists():
    defined = {
        m.group(1)
        for path in (ROOT / "tests").rglob("test_*.py")
        for m in re.finditer(r"^(?:async )?def (test_\w+)", path.read_text(encoding="utf-8"), re.M)
    }
    named = set(re.findall(r"`(test_\w+)`", _section()))
    assert len(named) >= 20
    assert named <= defined, sorted(named - defined)
