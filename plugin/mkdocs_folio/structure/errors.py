"""Errors about a user's post, phrased so the user can fix the file without a traceback."""

from __future__ import annotations


class PostError(ValueError):
    """A post's source is malformed: names the file, the field and the expected form."""

    def __init__(self, src_uri: str, field: str, problem: str) -> None:
        self.src_uri = src_uri
        self.field = field
        self.problem = problem
        super().__init__(f"{src_uri}: '{field}' {problem}")


def describe(value: object) -> str:
    """A short, single-line rendering of a bad value for an error message."""
    text = repr(value)
    text = text.replace("\n", "\\n")
    return text if len(text) <= 60 else text[:57] + "..."
