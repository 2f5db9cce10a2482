"""A JSON schema of folio's options, in the form Material uses to validate mkdocs.yml in editors.

Generated from the option classes and their docstrings, so it cannot drift from the code;
`schema.json` beside this module is the shipped copy (`folio schema` prints it).
"""

from __future__ import annotations

import ast
import inspect
import itertools
import json
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c

from . import config as config_module
from .config import FolioConfig

SCHEMA_PATH = Path(__file__).with_name("schema.json")
DOCS_URL = "https://pypi.org/project/mkdocs-folio/"


def _docstrings(cls: type) -> dict[str, str]:
    """Attribute docstrings (the string right after `name = ...`) of a class in config.py
    and of the classes it extends there."""
    tree = ast.parse(inspect.getsource(config_module))
    classes = {n.name: n for n in tree.body if isinstance(n, ast.ClassDef)}
    body = [
        statement
        for ancestor in reversed(cls.__mro__)
        if ancestor.__name__ in classes
        for statement in classes[ancestor.__name__].body
    ]
    docs: dict[str, str] = {}
    for first, second in itertools.pairwise(body):
        target = first.targets[0] if isinstance(first, ast.Assign) else None
        if isinstance(first, ast.AnnAssign):
            target = first.target
        if (
            isinstance(target, ast.Name)
            and isinstance(second, ast.Expr)
            and isinstance(second.value, ast.Constant)
            and isinstance(second.value.value, str)
        ):
            docs[target.id] = " ".join(second.value.value.split())
    return docs


def _option_schema(option: Any, description: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"markdownDescription": description}
    if isinstance(option, c.Optional):
        option = option.option  # unset unless written (Material's blog options)
    own_schema = getattr(option, "json_schema", None)
    if own_schema is not None:
        schema.update(own_schema)
    elif isinstance(option, c.SubConfig):
        schema.update(_object_schema(option.config_class))
    elif isinstance(option, c.Choice):
        schema["enum"] = list(option.choices)
    elif isinstance(option, c.ListOfItems):
        schema.update({"type": "array", "items": {"type": "string"}})
    elif isinstance(option, c.Type):
        kind = option._type
        names = {bool: "boolean", int: "integer", str: "string", dict: "object", list: "array"}
        name = names.get(kind[0] if isinstance(kind, tuple) else kind)
        if name is not None:  # a Python function (Material's slugify options) has no JSON type
            schema["type"] = name
        minimum = getattr(option, "minimum", None)
        if minimum is not None:
            schema["minimum"] = minimum
    default = getattr(option, "default", None)
    if default is not None and not isinstance(option, c.SubConfig):
        schema["default"] = default
    return schema


def _object_schema(cls: type[base.Config]) -> dict[str, Any]:
    docs = _docstrings(cls)
    return {
        "type": "object",
        "properties": {
            name: _option_schema(option, docs.get(name, "")) for name, option in cls._schema
        },
        "additionalProperties": False,
    }


def build_schema() -> dict[str, Any]:
    folio = {
        "markdownDescription": f"folio: a fast blog engine for Material for MkDocs. {DOCS_URL}",
        **_object_schema(FolioConfig),
    }
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "mkdocs-folio plugin",
        "oneOf": [
            {"markdownDescription": folio["markdownDescription"], "enum": ["folio"]},
            {
                "type": "object",
                "properties": {"folio": folio},
                "additionalProperties": False,
            },
        ],
    }


def dumps_schema() -> str:
    return json.dumps(build_schema(), indent=2, ensure_ascii=False) + "\n"
