"""Quality checks over translated catalogs, one module per family of checks.

Importing the package registers every check; :func:`run_checks` and
:func:`check_catalogs` run them.
"""

from __future__ import annotations

from localize.checks import headers, language, placeholders, terms, whitespace  # noqa: F401
from localize.checks.base import (
    CATALOG_CHECKS,
    CHECKS,
    ERROR,
    WARNING,
    Check,
    Finding,
    Unit,
    catalog_check,
    catalog_locale,
    check,
    check_catalogs,
    format_findings,
    run_checks,
)
from localize.checks.placeholders import placeholders as find_placeholders

__all__ = [
    "CATALOG_CHECKS",
    "CHECKS",
    "ERROR",
    "WARNING",
    "Check",
    "Finding",
    "Unit",
    "catalog_check",
    "catalog_locale",
    "check",
    "check_catalogs",
    "find_placeholders",
    "format_findings",
    "run_checks",
]
