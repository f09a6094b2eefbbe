"""Deciding who is the agent: from labels, from what each speaker says, or by alternation."""

from __future__ import annotations

import math
from collections.abc import Sequence

from rootcause.transcripts.lexicon import AGENT_STRONG, AGENT_WEAK, CUSTOMER_MARKERS, IDENTITY, fold
from rootcause.transcripts.model import Speaker


def agent_score(text: str) -> float:
    """How much `text` sounds like the agent's script (positive) or the caller (negative)."""
    folded = fold(text)
    score = 2.0 * sum(1 for _ in AGENT_STRONG.finditer(folded))
    score += 0.5 * sum(1 for _ in AGENT_WEAK.finditer(folded))
    score -= 1.0 * sum(1 for _ in CUSTOMER_MARKERS.finditer(folded))
    if IDENTITY.search(folded.strip()):
        score -= 0.5
    return score


def resolve_roles(
    keys: Sequence[str], texts: Sequence[str], known: dict[str, Speaker | None]
) -> dict[str, Speaker]:
    """Give every speaker key a role.

    Parameters
    ----------
    keys, texts : sequences of str
        The speaker key and text of each turn, in call order.
    known : dict
        Role already given by the label (`None` or "unknown" for names and "Speaker 1").

    Returns
    -------
    dict
        Role per key. Unresolved speakers become the customer when the agent is known and
        vice versa; otherwise the speaker whose turns sound most like an agent's script (the
        greeting with the company name, "how can I help", identity questions) is the agent.
    """
    roles: dict[str, Speaker] = {k: r for k, r in known.items() if r in ("agent", "customer")}
    open_keys = [k for k in dict.fromkeys(keys) if k not in roles]
    if not open_keys:
        return roles
    has_agent = "agent" in roles.values()
    has_customer = "customer" in roles.values()
    if has_agent != has_customer:
        for k in open_keys:
            roles[k] = "customer" if has_agent else "agent"
        return roles
    if len(open_keys) == 1 and not roles:
        roles[open_keys[0]] = "unknown"
        return roles
    scores: dict[str, float] = {k: 0.0 for k in open_keys}
    seen: dict[str, int] = {k: 0 for k in open_keys}
    for key, text in zip(keys, texts):
        if key in scores and seen[key] < 6:  # the script is at the start and the end
            scores[key] += agent_score(text)
            seen[key] += 1
    first = next(k for k in keys if k in scores)
    scores[first] += 0.25  # the agent usually speaks first on an inbound call
    agent = max(open_keys, key=lambda k: scores[k])
    for k in open_keys:
        roles[k] = "agent" if k == agent else "customer"
    return roles


def alternate(lines: Sequence[str], *, switch: float = 0.85) -> list[Speaker]:
    """Best-effort speakers for unlabelled lines that mostly alternate.

    A two-state Viterbi path: each line's emission is its `agent_score`, and a change of
    speaker between consecutive lines has probability `switch`, so the strongly scored
    lines (greetings, identity questions) anchor the alternation around them.
    """
    if not lines:
        return []
    stay, change = math.log(1.0 - switch), math.log(switch)
    emissions = [agent_score(line) for line in lines]
    # log-scores of the best path ending in agent (0) / customer (1)
    best = [emissions[0] + 0.25, -emissions[0]]
    back: list[tuple[int, int]] = []
    for e in emissions[1:]:
        from_a = (best[0] + stay, best[1] + change)
        from_c = (best[0] + change, best[1] + stay)
        arg_a = 0 if from_a[0] >= from_a[1] else 1
        arg_c = 0 if from_c[0] >= from_c[1] else 1
        back.append((arg_a, arg_c))
        best = [from_a[arg_a] + e, from_c[arg_c] - e]
    state = 0 if best[0] >= best[1] else 1
    path = [state]
    for arg_a, arg_c in reversed(back):
        state = arg_a if state == 0 else arg_c
        path.append(state)
    path.reverse()
    return ["agent" if s == 0 else "customer" for s in path]
