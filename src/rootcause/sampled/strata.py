"""Which contacts a large export is fitted on: a sample stratified by week, channel and language.

A plain random sample of a large export keeps its big groups and may miss a small one: the
weeks of a new product's launch, the chats, the English contacts of a mostly French export.
Drawing the sample stratum by stratum, in proportion to each stratum's size, keeps every
week, channel and language in the sample in the share it has in the export.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import polars as pl

from rootcause import schema as S
from rootcause.errors import BadInputError

UNDATED = "undated"


def strata_keys(contacts: pl.DataFrame, languages: Sequence[str]) -> list[str]:
    """One stratum per contact: ISO week of its date, channel and language
    (``2026-W14|email|fr``; ``undated`` and ``?`` where a field is missing)."""
    week = (
        contacts[S.CREATED_AT].dt.strftime("%G-W%V").fill_null(UNDATED)
        if S.CREATED_AT in contacts.columns
        else pl.Series([UNDATED] * contacts.height)
    )
    channel = contacts[S.CHANNEL].fill_null("?") if S.CHANNEL in contacts.columns else pl.Series(["?"] * contacts.height)
    return [f"{w}|{c}|{lang or '?'}" for w, c, lang in zip(week.to_list(), channel.to_list(), languages, strict=True)]


def allocate(sizes: np.ndarray, total: int) -> np.ndarray:
    """Rows to draw from each stratum: proportional to `sizes`, summing to `total`.

    Largest remainders settle the rounding; a stratum that rounds to nothing still gets
    one row while there are fewer strata than rows to draw (the smallest groups are the
    ones a plain random sample loses).
    """
    sizes = np.asarray(sizes, dtype=np.int64)
    n = int(sizes.sum())
    if total >= n:
        return sizes.copy()
    exact = sizes * total / n
    take = np.floor(exact).astype(np.int64)
    if len(sizes) <= total:
        take = np.maximum(take, (sizes > 0).astype(np.int64))
    left = total - int(take.sum())
    if left > 0:
        order = np.lexsort((np.arange(len(sizes)), -(exact - np.floor(exact))))
        room = sizes - take
        for j in order:
            if left == 0:
                break
            if room[j] > 0:
                take[j] += 1
                left -= 1
    elif left < 0:  # the minimum of one row per stratum overshot: trim the biggest strata
        for j in np.argsort(-take, kind="stable"):
            if left == 0:
                break
            cut = min(-left, int(take[j]) - 1)
            take[j] -= cut
            left += cut
    return take


def stratified_sample(keys: Sequence[str] | np.ndarray, size: int, *, seed: int = 0) -> np.ndarray:
    """Sorted row indices of a sample of `size` rows, drawn stratum by stratum (`allocate`).

    The same keys, size and seed give the same sample; all rows when `size` covers them.

    Examples
    --------
    >>> keys = ["w1|email|fr"] * 90 + ["w1|chat|en"] * 10
    >>> rows = stratified_sample(keys, 20, seed=0)
    >>> len(rows), int((rows >= 90).sum())
    (20, 2)
    """
    if size < 1:
        raise BadInputError(f"sample size {size}: expected at least 1 contact.")
    codes, inverse = np.unique(np.asarray(keys, dtype=object).astype(str), return_inverse=True)
    n = len(inverse)
    if size >= n:
        return np.arange(n)
    rng = np.random.default_rng(seed)
    take = allocate(np.bincount(inverse, minlength=len(codes)), size)
    order = np.argsort(inverse, kind="stable")
    bounds = np.concatenate([[0], np.cumsum(np.bincount(inverse, minlength=len(codes)))])
    chosen = [
        rng.choice(order[bounds[j] : bounds[j + 1]], int(take[j]), replace=False)
        for j in range(len(codes))
        if take[j] > 0
    ]
    return np.sort(np.concatenate(chosen)) if chosen else np.empty(0, dtype=np.int64)
