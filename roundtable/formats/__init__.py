"""Programme TOML and roster CSV -> domain models, with errors that name the file, line and field."""

from roundtable.formats.errors import InputError

__all__ = ["InputError"]
