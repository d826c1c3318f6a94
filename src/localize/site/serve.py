"""Serving a built preview on the loopback interface, for a browser on the same machine."""

from __future__ import annotations

import errno
import functools
import logging
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from localize.errors import ConfigError

__all__ = ["HOST", "make_server"]

HOST = "127.0.0.1"

log = logging.getLogger(__name__)


class _Handler(SimpleHTTPRequestHandler):
    """Files of the preview folder, with headers that keep a page from loading anything."""

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        log.debug("%s %s", self.address_string(), format % args)


def make_server(folder: Path, port: int = 8000) -> ThreadingHTTPServer:
    """A server for ``folder`` on 127.0.0.1 (``port`` 0: a free port); call
    ``serve_forever()`` on it, and read the port from ``server_address``."""
    handler = functools.partial(_Handler, directory=str(folder))
    try:
        return ThreadingHTTPServer((HOST, port), handler)
    except OSError as err:
        hint = "; pick another with --port" if err.errno == errno.EADDRINUSE else ""
        raise ConfigError(f"cannot serve on {HOST}:{port}: {err.strerror}{hint}") from err
