"""mkdocs-folio: a fast blog engine for MkDocs + Material for MkDocs."""

__version__ = "0.1.0"
