"""The repository's own tools (``make compare``) and what bench/ shares with them."""
