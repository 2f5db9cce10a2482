"""Results of the previous `mkdocs serve` build, reused while their inputs are unchanged.

`mkdocs serve` rebuilds the whole site after every edit, though usually one post changed.
Inputs are remembered by length and hash, not kept: the memo holds no copy of any source
or page. An entry not asked for in a build is dropped with it, so deleted posts go too.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


def fingerprint(*inputs: Hashable) -> tuple[int, int]:
    """A cheap identity for inputs that may be large strings."""
    return sum(len(item) for item in inputs if isinstance(item, str)), hash(inputs)


class Memo(Generic[Value]):
    def __init__(self) -> None:
        self.active = False
        """Off, `cached` only makes values: a one-off build has no next build to serve."""
        self._previous: dict[str, tuple[tuple[int, int], Value]] = {}
        self._current: dict[str, tuple[tuple[int, int], Value]] = {}

    def cached(self, name: str, inputs: tuple[Hashable, ...], make: Callable[[], Value]) -> Value:
        """The previous build's value for `name` if its inputs are the same, else `make()`."""
        if not self.active:
            return make()
        key = fingerprint(*inputs)
        entry = self._previous.get(name)
        if entry is None or entry[0] != key:
            entry = (key, make())
        self._current[name] = entry
        return entry[1]

    def next_build(self) -> None:
        self._previous, self._current = self._current, {}
