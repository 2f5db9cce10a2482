"""The blog's data model: posts, tags and the collection, with no MkDocs build in sight."""
