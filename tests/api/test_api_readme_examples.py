"""The README's API examples work as written (trial findings J and K: the docs gave no decision
bodies, and did not say how a fresh server gets its contacts)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from pydantic import TypeAdapter

from api.schemas import DecisionIn

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def _section(start: str) -> str:
    at = README.index(start)
    return README[at : README.index("\n\n", README.index("|---", at))]


def test_every_decision_body_of_the_readme_is_valid_and_both_shapes_mean_the_same():
    table = _section("**Decision bodies.**")
    adapter = TypeAdapter(DecisionIn)
    actions = set()
    for row in table.splitlines():
        bodies = [json.loads(b) for b in re.findall(r"`(\{.*?\})`", row)]
        if not bodies:
            continue
        parsed = [adapter.validate_python(b) for b in bodies]
        actions |= {p.action for p in parsed}
        flat, nested = parsed[0], parsed[-1]
        if "payload" in bodies[-1]:
            assert nested.model_dump() == adapter.validate_python({"action": bodies[-1]["action"], **bodies[-1]["payload"]}).model_dump()
        assert type(flat) is type(nested)
    # every action the API takes is documented
    assert actions == {"rename", "merge", "set_owner", "mark", "split", "decline", "move"}


def test_the_readmes_fresh_server_example_stores_a_contact(client, keys):
    part = README[README.index("**Filling a fresh server.**") :]
    example = part[part.index("```bash") : part.index("```", part.index("```bash") + 7)]
    body = re.search(r"-d '(\{.*?\})'", example, re.S)
    assert body and "/v1/contacts/batch" in example
    r = client.post("/v1/contacts/batch", json=json.loads(body.group(1)), headers=keys("ingest"))
    assert r.status_code == 200, r.text
    assert r.json()["accepted"] == 1
    drivers = client.get("/v1/drivers", headers=keys("read")).json()["drivers"]
    assert sum(d["size"] for d in drivers) == 1  # the contact counts in the driver statistics
