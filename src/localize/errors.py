"""The exception tree: every error a user can cause is a ``LocalizeError``."""

from __future__ import annotations

__all__ = [
    "CatalogError",
    "ChangedError",
    "ConfigError",
    "GlossaryError",
    "InputError",
    "LocalizeError",
    "LockedError",
    "ModelError",
    "WriteError",
]


class LocalizeError(Exception):
    """Base of our errors; carries where the problem is (file, line)."""

    def __init__(self, message: str, *, path: object = None, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return f"{where}{self.message}"


class ConfigError(LocalizeError):
    """Bad configuration or command-line usage."""


class InputError(LocalizeError):
    """A source document that cannot be read (missing, binary, unknown encoding)."""


class CatalogError(LocalizeError):
    """A malformed PO/POT catalog."""


class GlossaryError(LocalizeError):
    """A malformed glossary file."""


class ModelError(LocalizeError):
    """A translation model that is missing, malformed or unusable."""


class WriteError(LocalizeError):
    """A file that could not be written; the original is left intact."""


class LockedError(LocalizeError):
    """Another localize run holds the lock on the same catalogs."""


class ChangedError(WriteError):
    """A file changed on disk (a person saved it) while a run was computing its new version."""
