"""The root command group and the translation of our errors into exit codes."""

from __future__ import annotations

import logging
import sys
from typing import Any

import click

from localize import __version__
from localize.errors import LocalizeError

__all__ = ["EXIT_CHECK_FAILED", "EXIT_USAGE", "LocalizeGroup", "main"]

EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2


class LocalizeGroup(click.Group):
    """A group that turns ``LocalizeError`` into one clear line and exit code 2."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LocalizeError as err:
            if ctx.find_root().params.get("debug"):
                raise
            click.echo(f"localize: error: {err}", err=True)
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("localize: interrupted", err=True)
            sys.exit(130)


@click.group(cls=LocalizeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="localize")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
def main(debug: bool, verbose: bool) -> None:
    """Turn mixed English/Dutch/Chinese pages into gettext catalogs and fill them offline."""
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="localize: %(levelname)s: %(message)s")
