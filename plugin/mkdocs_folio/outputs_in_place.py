"""Change a page MkDocs wrote in an earlier build, in place, without rendering it again."""

from __future__ import annotations

from pathlib import Path


def replace_in_output(site_dir: str, output_path: str, old: str, new: str) -> bool:
    """Replace `old`, which the page written to `output_path` must hold once, with `new`.

    False, and the file untouched, when it does not hold `old` exactly once or does not lie
    inside `site_dir` (a link planted there, say).
    """
    site = Path(site_dir).resolve()
    path = Path(output_path).resolve()
    if not path.is_relative_to(site) or not path.is_file():
        return False
    # Bytes, as MkDocs writes them: reading text would turn "\r\n" in a page into "\n".
    output = path.read_bytes().decode("utf-8", errors="surrogateescape")
    if output.count(old) != 1:
        return False
    if new != old:
        path.write_bytes(output.replace(old, new).encode("utf-8", errors="surrogateescape"))
    return True
