"""Hand-made zip archives: members that are encrypted or in a compression zipfile cannot read."""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path

IMPLODED = 6  # PKWARE "implode": valid in the format, unreadable by Python's zipfile
_LOCAL = {"flags": 6, "method": 8}  # field offsets in a local file header
_CENTRAL = {"flags": 8, "method": 10}  # and in a central directory header


def write_zip(path: Path, members: dict[str, bytes], *, encrypted: str | None = None,
              method: tuple[str, int] | None = None) -> Path:
    """A stored zip of ``members``; ``encrypted`` names a member whose encryption flag is
    set, ``method`` a member and the compression method its headers claim."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as zf:
        for name, data in members.items():
            info = zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        local = {i.filename: i.header_offset for i in zf.infolist()}
    central = _central_offsets(data)
    if encrypted is not None:
        for at, fields in ((local[encrypted], _LOCAL), (central[encrypted], _CENTRAL)):
            flags = struct.unpack_from("<H", data, at + fields["flags"])[0]
            struct.pack_into("<H", data, at + fields["flags"], flags | 0x1)
    if method is not None:
        for at, fields in ((local[method[0]], _LOCAL), (central[method[0]], _CENTRAL)):
            struct.pack_into("<H", data, at + fields["method"], method[1])
    path.write_bytes(bytes(data))
    return path


def _central_offsets(data: bytearray) -> dict[str, int]:
    found = {}
    at = data.find(b"PK\x01\x02")
    while at >= 0:
        length = struct.unpack_from("<H", data, at + 28)[0]
        found[bytes(data[at + 46:at + 46 + length]).decode()] = at
        at = data.find(b"PK\x01\x02", at + 46 + length)
    return found
