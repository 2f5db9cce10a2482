"""The JSON schema of folio's options, for editors validating mkdocs.yml."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from mkdocs.config.base import Config

from mkdocs_folio.cli import main
from mkdocs_folio.config import FolioConfig, PaletteConfig
from mkdocs_folio.schema import SCHEMA_PATH, build_schema

REPO = Path(__file__).resolve().parent.parent


def test_shipped_schema_is_current() -> None:
    # Regenerate with: folio schema > plugin/mkdocs_folio/schema.json
    assert json.loads(SCHEMA_PATH.read_text(encoding="utf-8")) == build_schema()


@pytest.mark.parametrize("config_class", [FolioConfig, PaletteConfig])
def test_every_option_is_described(config_class: type[Config]) -> None:
    folio = build_schema()["oneOf"][1]["properties"]["folio"]
    properties = folio["properties"]
    if config_class is PaletteConfig:
        properties = properties["palette"]["properties"]
    names = [name for name, _ in config_class._schema]  # type: ignore[attr-defined]
    assert sorted(properties) == sorted(names)
    for name in names:
        assert len(properties[name]["markdownDescription"]) > 20, name


def test_schema_accepts_the_demo_and_rejects_mistakes() -> None:
    schema = build_schema()
    demo = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    entry = next(p for p in demo["plugins"] if isinstance(p, dict) and "folio" in p)
    jsonschema.validate(entry, schema)
    jsonschema.validate("folio", schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"folio": {"per_page": "many"}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"folio": {"no_such_option": 1}}, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"folio": {"feed_content": "everything"}}, schema)


def test_folio_schema_prints_it(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    assert json.loads(capsys.readouterr().out) == build_schema()
