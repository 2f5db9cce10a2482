"""The theme's compiled templates, kept from one `mkdocs serve` rebuild to the next.

MkDocs makes a new Jinja environment for every build, so every rebuild compiles the
theme's templates again: with Material, most of a one-post rebuild. Jinja's bytecode cache
exists for this. Its buckets are checked against a checksum of the template's source, so an
edited template (say in `custom_dir`) is compiled again; the key here also holds what of the
environment shapes the compiled code, so a change of syntax options or extensions starts
afresh. Compiled code is a few hundred kilobytes for Material and lives as long as the server.
"""

from __future__ import annotations

from collections.abc import Hashable

import jinja2
from jinja2.bccache import Bucket

_SYNTAX = (
    "block_start_string",
    "block_end_string",
    "variable_start_string",
    "variable_end_string",
    "comment_start_string",
    "comment_end_string",
    "line_statement_prefix",
    "line_comment_prefix",
    "trim_blocks",
    "lstrip_blocks",
    "newline_sequence",
    "keep_trailing_newline",
    "optimized",
    "is_async",
)


def environment_key(environment: jinja2.Environment) -> Hashable:
    """What of an environment, besides a template's source, decides its compiled code."""
    autoescape = environment.autoescape
    return (
        type(environment),
        environment.code_generator_class,
        tuple(getattr(environment, name) for name in _SYNTAX),
        tuple(sorted(environment.extensions)),
        autoescape if isinstance(autoescape, bool) else getattr(autoescape, "__qualname__", ""),
        environment.finalize is not None,
        # The compiler checks filter and test names; one gone must fail as it did.
        frozenset(environment.filters),
        frozenset(environment.tests),
    )


class CompiledTemplates(jinja2.BytecodeCache):
    """An in-memory bytecode cache that outlives the environments it serves."""

    def __init__(self) -> None:
        self._code: dict[tuple[Hashable, str], bytes] = {}

    def attach(self, environment: jinja2.Environment) -> None:
        environment.bytecode_cache = self

    def load_bytecode(self, bucket: Bucket) -> None:
        code = self._code.get((environment_key(bucket.environment), bucket.key))
        if code is not None:
            bucket.bytecode_from_string(code)  # resets the bucket if the source changed

    def dump_bytecode(self, bucket: Bucket) -> None:
        self._code[(environment_key(bucket.environment), bucket.key)] = bucket.bytecode_to_string()

    def clear(self) -> None:
        self._code.clear()

    def __len__(self) -> int:
        return len(self._code)
