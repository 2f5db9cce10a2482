"""Every file folio hands to MkDocs goes through here: checked to land inside site_dir, and
registered, so that no generated file silently replaces another one or one of the user's."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel

from .structure.destinations import Claim, clashes, user_claim
from .structure.paths import dest_problem


class SiteOutputs:
    """The destinations folio writes in one build."""

    def __init__(self, config: MkDocsConfig) -> None:
        self.config = config
        self.site_dir = os.path.realpath(config.site_dir)
        self.claims: list[Claim] = []
        self._folio_files: set[int] = set()
        self._resolved: dict[str, bool] = {}
        self._user_claims: list[Claim] = []

    def generated(
        self,
        src_uri: str,
        *,
        source: str,
        fix: str,
        marker: str | None = None,
        content: str | bytes | None = None,
        abs_src_path: str | None = None,
        inclusion: InclusionLevel = InclusionLevel.UNDEFINED,
    ) -> File:
        """A virtual file (`File.generated`), refused when it would land outside site_dir."""
        if abs_src_path is not None:
            file = File.generated(
                self.config, src_uri, abs_src_path=abs_src_path, inclusion=inclusion
            )
        else:
            file = File.generated(self.config, src_uri, content=content or "", inclusion=inclusion)
        self.claim(file, source=source, fix=fix, marker=marker)
        return file

    def add_own_file(self, files: Files, path: str, content: str | bytes, source: str) -> File:
        """A file folio writes at a path of its own, added to `files`; the user renames theirs
        on a clash."""
        file = self.generated(path, content=content, source=source, fix="rename your file")
        files.append(file)
        return file

    def claim(self, file: File, *, source: str, fix: str, marker: str | None = None) -> None:
        """Register a file folio places (generated, or a post it moved to its URL)."""
        self.ensure_inside(file.dest_uri, source)
        self._folio_files.add(id(file))
        self.claims.append(Claim(file.dest_uri, source, fix, marker=marker))

    def ensure_inside(self, dest_uri: str, source: str) -> None:
        problem = dest_problem(dest_uri)
        if problem is None and not self._inside(dest_uri):
            problem = "resolves outside site_dir (through a symbolic link)"
        if problem:
            raise PluginError(f"{source}: the destination '{dest_uri}' {problem}; not written")

    def _inside(self, dest_uri: str) -> bool:
        # Folders in site_dir are MkDocs' own output, so only a link planted at the top level
        # could lead elsewhere; one realpath per top-level folder keeps this cheap.
        top = dest_uri.split("/", 1)[0] if "/" in dest_uri else ""
        inside = self._resolved.get(top)
        if inside is None:
            target = os.path.realpath(Path(self.site_dir, top))
            inside = os.path.commonpath([self.site_dir, target]) == self.site_dir
            self._resolved[top] = inside
        return inside

    def note_user_files(self, files: Iterable[File]) -> None:
        """Remember the user's files before folio adds its own (which may share a source path)."""
        self._user_claims = [
            user_claim(file.dest_uri, file.src_uri, is_page=file.is_documentation_page())
            for file in files
            if id(file) not in self._folio_files and file.inclusion is not InclusionLevel.EXCLUDED
        ]

    def check(self) -> None:
        """Stop the build when two writers, one of them folio, share a destination."""
        problems = clashes([*self.claims, *self._user_claims])
        if problems:
            raise PluginError("\n".join(problems))
