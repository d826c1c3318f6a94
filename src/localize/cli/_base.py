"""The root command group and the translation of our errors into exit codes."""

from __future__ import annotations

import importlib
import logging
import os
import sys
from pathlib import Path
from typing import Any

import click

from localize import __version__
from localize.errors import LocalizeError

__all__ = ["EXIT_CHECK_FAILED", "EXIT_INTERNAL", "EXIT_USAGE", "LocalizeGroup", "main"]

EXIT_CHECK_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70  # EX_SOFTWARE: a bug in localize, not in the input
EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, as a shell reports a command whose reader left


# The module under localize.cli that registers each command: a command loads only what it needs.
COMMAND_MODULES = {
    "extract": "catalogs", "compile": "catalogs", "stats": "catalogs",
    "check": "glossary", "glossary": "glossary",
    "split": "split",
    "translate": "translate", "models": "translate",
    "export": "exchange", "import": "exchange",
    "preview": "preview",
}


class LocalizeGroup(click.Group):
    """A group that turns ``LocalizeError`` into one clear line and exit code 2.

    Command modules are imported when their command is asked for, so that
    ``localize split`` starts without loading the catalog and translation code.
    """

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        module = COMMAND_MODULES.get(cmd_name)
        if module is not None and cmd_name not in self.commands:
            importlib.import_module(f"localize.cli.{module}")
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        for module in sorted(set(COMMAND_MODULES.values())):
            importlib.import_module(f"localize.cli.{module}")
        return super().list_commands(ctx)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except LocalizeError as err:
            if ctx.find_root().params.get("debug"):
                raise
            if err.path is not None:
                err.path = _relative(err.path)
            click.echo(f"localize: error: {_one_line(str(err))}", err=True)
            sys.exit(EXIT_USAGE)
        except KeyboardInterrupt:
            click.echo("localize: interrupted", err=True)
            sys.exit(130)
        except BrokenPipeError:
            # The reader went away (``localize split page.txt | head``): stop quietly.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_BROKEN_PIPE)
        except (click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as err:
            if ctx.find_root().params.get("debug"):
                raise
            logging.getLogger("localize").debug("unexpected error", exc_info=True)
            click.echo(f"localize: internal error: {type(err).__name__}: {err} "
                       "(run with --debug for the traceback, and please report it)", err=True)
            sys.exit(EXIT_INTERNAL)


def _one_line(message: str) -> str:
    """A message as one printable line: control characters (from file names) escaped."""
    return "".join(ch if ch.isprintable() or ch == " " else ascii(ch)[1:-1] for ch in message)


def _relative(path: str) -> str:
    """A path relative to the current folder when it lies inside it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop
        return path


@click.group(cls=LocalizeGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="localize")
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
def main(debug: bool, verbose: bool) -> None:
    """Turn mixed English/Dutch/Chinese pages into gettext catalogs and fill them offline."""
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="localize: %(levelname)s: %(message)s")
