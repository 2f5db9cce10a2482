"""How sure a run can be of a median measured on a shared, noisy machine."""

from __future__ import annotations

import math
from collections.abc import Sequence


def median_interval(
    values: Sequence[float], confidence: float = 0.95
) -> tuple[float, float, float] | None:
    """An interval holding the true median of what `values` sample, with at least
    `confidence`, and the confidence it actually has; None when there are too few values.

    Distribution-free: the k-th smallest and k-th largest value bracket the median unless at
    least n - k + 1 values fall on one side of it, which happens with the binomial chance
    2 * P(Bin(n, 1/2) < k). No assumption about the shape of the machine's noise, which is
    anything but normal (a neighbour's job slows a whole stretch of builds)."""
    ordered = sorted(values)
    n = len(ordered)
    outside = 0.0  # P(Bin(n, 1/2) < k), for the widest k found so far
    k = 0
    for below in range(n // 2):
        wider = outside + math.comb(n, below) / 2**n
        if 2 * wider > 1 - confidence:
            break
        outside, k = wider, below + 1
    if k == 0:
        return None
    return ordered[k - 1], ordered[n - k], 1 - 2 * outside
