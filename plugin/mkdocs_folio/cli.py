"""The `folio` command: `folio new "Title" --tags rust,linux [--draft]`."""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import yaml

from .structure.slugs import slugify
from .structure.tags import TagValueError, parse_tags


class CliError(Exception):
    """A problem the user can fix; printed as one line, exit status 1."""


def _site_settings(config_file: Path) -> tuple[Path, str, str]:
    """docs_dir, posts_dir and time zone, read the way `mkdocs build` reads them."""
    if not config_file.is_file():
        raise CliError(f"{config_file}: no such file; run this in your site's folder or pass -f")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    mkdocs_log = logging.getLogger("mkdocs")
    level = mkdocs_log.level
    mkdocs_log.setLevel(logging.ERROR)  # loading the config is not a build: keep its INFO quiet
    try:
        config = load_config(config_file=str(config_file))
    except ConfigurationError as error:
        raise CliError(f"{config_file}: {error}") from None
    finally:
        mkdocs_log.setLevel(level)
    folio = config.plugins.get("folio")
    if folio is None:
        raise CliError(f"{config_file}: 'plugins' has no 'folio'; add '- folio' under plugins")
    options = folio.config
    return Path(config.docs_dir), str(options.posts_dir), str(options.timezone)


def new_post(
    title: str,
    *,
    tags: str = "",
    draft: bool = False,
    config_file: Path = Path("mkdocs.yml"),
    today: datetime | None = None,
) -> Path:
    title = title.strip()
    if not title:
        raise CliError('the title is empty; give one, e.g. folio new "My first post"')
    try:
        tag_names = parse_tags(tags) if tags.strip() else []
    except TagValueError as error:
        raise CliError(f"--tags {error}") from None
    docs_dir, posts_dir, zone = _site_settings(config_file)
    slug = slugify(title)
    if not slug:
        raise CliError(f"the title {title!r} gives an empty file name; use letters or digits")
    target = docs_dir / posts_dir / f"{slug}.md"
    if target.exists():
        raise CliError(f"{target} already exists; choose another title or edit that post")
    moment = today or datetime.now(ZoneInfo(zone))
    front: dict[str, object] = {"title": title, "date": moment.date(), "tags": tag_names}
    if draft:
        front["draft"] = True
    header = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("x", encoding="utf-8") as handle:
        # The title lives in front matter only: a heading repeating it would show it twice.
        handle.write(f"---\n{header}---\n\nWrite here.\n")
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="folio", description="Tools for a folio blog.")
    commands = parser.add_subparsers(dest="command", required=True)
    new = commands.add_parser("new", help="create a post under posts_dir")
    new.add_argument("title", help="the post's title")
    new.add_argument("--tags", default="", help="comma-separated tags, e.g. rust,linux")
    new.add_argument("--draft", action="store_true", help="mark the post as a draft")
    new.add_argument(
        "-f",
        "--config-file",
        type=Path,
        default=Path(os.environ.get("MKDOCS_CONFIG", "mkdocs.yml")),
    )
    commands.add_parser("schema", help="print the JSON schema of folio's options")
    args = parser.parse_args(argv)
    if args.command == "schema":
        from .schema import dumps_schema

        print(dumps_schema(), end="")
        return 0
    try:
        path = new_post(args.title, tags=args.tags, draft=args.draft, config_file=args.config_file)
    except CliError as error:
        print(f"folio: {error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
