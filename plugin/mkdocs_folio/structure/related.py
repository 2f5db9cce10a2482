"""Related posts: the posts sharing the most tags with a post, newest first among equals.

Counting the posts of every shared tag makes a large blog quadratic (each tag holds a fair
share of all posts). Instead every post is filed under each subset of its tags, newest
first, and a query walks its own tag subsets from the largest down: a post found under a
subset of size k shares exactly k tags, once the larger subsets ran out. A post has a
handful of tags, so it is filed a handful of times and a query reads a few short prefixes.

Posts with more tags than `MAX_INDEXED_TAGS` would be filed under too many subsets; they
are scored directly instead, and so are queries from such posts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Hashable, Mapping, Sequence
from itertools import combinations
from typing import Generic, TypeVar

MAX_INDEXED_TAGS = 6
"""2**6 - 1 = 63 subsets: the most a post is filed under."""

Item = TypeVar("Item", bound=Hashable)
Key = TypeVar("Key", bound=Hashable)


class RelatedIndex(Generic[Item, Key]):
    """Ranks items by shared keys, then by position in `newest_first` (earlier wins)."""

    def __init__(self, newest_first: Sequence[Item], keys: Mapping[Item, Sequence[Key]]) -> None:
        self._rank = {item: rank for rank, item in enumerate(newest_first)}
        self._ids: dict[Key, int] = {}
        self._key_sets: dict[Item, frozenset[int]] = {}
        self._by_subset: dict[tuple[int, ...], list[Item]] = defaultdict(list)
        self._by_key: dict[int, list[Item]] = defaultdict(list)
        self._heavy: list[Item] = []
        for item in newest_first:
            ids = sorted({self._ids.setdefault(key, len(self._ids)) for key in keys.get(item, ())})
            self._key_sets[item] = frozenset(ids)
            for key_id in ids:
                self._by_key[key_id].append(item)
            if len(ids) > MAX_INDEXED_TAGS:
                self._heavy.append(item)
                continue
            for size in range(1, len(ids) + 1):
                for subset in combinations(ids, size):
                    self._by_subset[subset].append(item)

    def related(self, item: Item, limit: int) -> list[Item]:
        ids = sorted(self._key_sets.get(item, ()))
        if limit <= 0 or not ids:
            return []
        if len(ids) > MAX_INDEXED_TAGS:
            return self._counted(item, ids, limit)
        found = self._walk_subsets(item, ids, limit)
        if self._heavy:
            found += self._score(item, ids, self._heavy)
            found.sort(key=lambda scored: (-scored[0], self._rank[scored[1]]))
        return [other for _, other in found[:limit]]

    def _walk_subsets(self, item: Item, ids: list[int], limit: int) -> list[tuple[int, Item]]:
        found: list[tuple[int, Item]] = []
        seen = {item}
        for size in range(len(ids), 0, -1):
            level: set[Item] = set()
            for subset in combinations(ids, size):
                taken = 0
                for other in self._by_subset.get(subset, ()):
                    if taken == limit:
                        break
                    if other not in seen and other not in level:
                        level.add(other)
                        taken += 1
            # Once a level fills the list, every post sharing more keys was already taken.
            newest = sorted(level, key=self._rank.__getitem__)[: limit - len(found)]
            found += [(size, other) for other in newest]
            seen.update(newest)
            if len(found) >= limit:
                break
        return found

    def _score(self, item: Item, ids: list[int], others: list[Item]) -> list[tuple[int, Item]]:
        mine = frozenset(ids)
        scored = []
        for other in others:
            if other is not item:
                shared = len(mine & self._key_sets[other])
                if shared:
                    scored.append((shared, other))
        return scored

    def _counted(self, item: Item, ids: list[int], limit: int) -> list[Item]:
        candidates = {other for key_id in ids for other in self._by_key[key_id]}
        scored = self._score(item, ids, list(candidates))
        scored.sort(key=lambda pair: (-pair[0], self._rank[pair[1]]))
        return [other for _, other in scored[:limit]]


class KeptRelated:
    """Related lists (by source path) of the previous `mkdocs serve` build, kept while every
    post has the same tags and the same place in time, which most edits leave alone."""

    def __init__(self) -> None:
        self._inputs: Hashable = None
        self._lists: dict[tuple[str, int], list[str]] = {}

    def lists(self, inputs: Hashable) -> dict[tuple[str, int], list[str]]:
        """The kept lists when `inputs` are the previous build's, else a fresh dict to fill."""
        if inputs != self._inputs:
            self._inputs, self._lists = inputs, {}
        return self._lists
