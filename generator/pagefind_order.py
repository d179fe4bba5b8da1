"""Make Pagefind's output the same on every run.

Pagefind 1.x writes each filter's values in hash-map order, which changes from one process to
the next, and names files by a hash of their bytes; so the filter files, the ``pf_meta`` file
that lists them and ``pagefind-entry.json`` differ between two builds of the same corpus (the
index chunks and fragments do not).  ``canonicalise`` rewrites those few files with values and
filters sorted, renamed by a hash of their new bytes.  The files are gzip of ``pagefind_dcd``
followed by CBOR; the small CBOR subset they use (integers, strings, arrays, maps) is read and
written here.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


def canonicalise(bundle: Path) -> None:
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in sorted(entry["languages"].items()):
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, old in meta[3]:
            path = bundle / "filter" / f"{old}.pf_filter"
            filter_name, values = _read(path)
            blob = _pack([filter_name, sorted(values, key=lambda v: v[0])])
            new = _name(language, blob, 7)
            path.unlink()
            (bundle / "filter" / f"{new}.pf_filter").write_bytes(blob)
            filters.append([name, new])
        meta[3] = sorted(filters)
        blob = _pack(meta)
        info["hash"] = _name(language, blob, 11)
        meta_path.unlink()
        (bundle / f"pagefind.{info['hash']}.pf_meta").write_bytes(blob)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _name(language: str, blob: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(blob).hexdigest()[:length]}"


def _read(path: Path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind data file")
    value, end = _decode(raw, len(SIGNATURE))
    if end != len(raw):
        raise ValueError(f"{path}: trailing bytes")
    return value


def _pack(value) -> bytes:
    return gzip.compress(SIGNATURE + _encode(value), compresslevel=9, mtime=0)


# --- the CBOR subset -------------------------------------------------------------------------------

def _decode(data: bytes, pos: int):
    head = data[pos]
    major, info = head >> 5, head & 0x1F
    pos += 1
    if major == 7:
        simple = {20: False, 21: True, 22: None}
        if info in simple:
            return simple[info], pos
        if info in (26, 27):
            size = 4 if info == 26 else 8
            return struct.unpack(">f" if size == 4 else ">d", data[pos:pos + size])[0], pos + size
        raise ValueError(f"unsupported CBOR simple value {info}")
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError("indefinite-length CBOR is not used by Pagefind")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        chunk = data[pos:pos + arg]
        return (bytes(chunk) if major == 2 else chunk.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = _decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        out = {}
        for _ in range(arg):
            key, pos = _decode(data, pos)
            out[key], pos = _decode(data, pos)
        return out, pos
    raise ValueError(f"unsupported CBOR major type {major}")


def _head(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError("integer too large for CBOR")


def _encode(value) -> bytes:
    if value is False or value is True or value is None:
        return bytes([0xE0 | {False: 20, True: 21, None: 22}[value]])
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, float):
        return b"\xfb" + struct.pack(">d", value)
    if isinstance(value, str):
        raw = value.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(value, bytes):
        return _head(2, len(value)) + value
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(v) for v in value)
    if isinstance(value, dict):
        return _head(5, len(value)) + b"".join(_encode(k) + _encode(v) for k, v in value.items())
    raise TypeError(f"cannot encode {type(value).__name__} as CBOR")
