"""Change or remove files that earlier builds wrote, in place, and only inside site_dir."""

from __future__ import annotations

from pathlib import Path


def _written_file(site: Path, path: Path) -> Path | None:
    """`path` resolved, if it is a file inside `site` (resolved); None for a link planted
    there that leads elsewhere, or a file that is gone."""
    resolved = path.resolve()
    if not resolved.is_relative_to(site) or not resolved.is_file():
        return None
    return resolved


def replace_in_output(site: Path, output_path: str, old: str, new: str) -> bool:
    """Replace `old`, which the page written to `output_path` must hold once, with `new`.

    False, and the file untouched, when it does not hold `old` exactly once or does not lie
    inside `site` (the resolved site_dir).
    """
    path = _written_file(site, Path(output_path))
    if path is None:
        return False
    # Bytes, as MkDocs writes them: reading text would turn "\r\n" in a page into "\n".
    output = path.read_bytes().decode("utf-8", errors="surrogateescape")
    if output.count(old) != 1:
        return False
    if new != old:
        path.write_bytes(output.replace(old, new).encode("utf-8", errors="surrogateescape"))
    return True


def remove_output(site: Path, dest_uri: str) -> None:
    """Delete a file folio wrote in an earlier build, and the folders it leaves empty."""
    path = _written_file(site, site / dest_uri)
    if path is None:
        return
    path.unlink()
    folder = path.parent
    while folder != site and folder.is_relative_to(site):
        try:
            folder.rmdir()
        except OSError:
            break
        folder = folder.parent
