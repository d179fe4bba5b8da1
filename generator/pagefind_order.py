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

SIGNATURE = b"pagefind_dcd"


def canonicalise(files: dict[str, bytes]) -> dict[str, bytes]:
    """The bundle ``files`` (path → bytes) with the filter files, and those naming them, made canonical."""
    out = dict(files)
    entry = json.loads(out["pagefind-entry.json"])
    for language, info in sorted(entry["languages"].items()):
        meta = _unpack(out.pop(f"pagefind.{info['hash']}.pf_meta"))
        filters = []
        for name, old in meta[3]:
            blob = _sorted_filter(out.pop(f"filter/{old}.pf_filter"))
            new = _name(language, blob, 7)
            out[f"filter/{new}.pf_filter"] = blob
            filters.append([name, new])
        meta[3] = sorted(filters)
        blob = _pack(meta)
        info["hash"] = _name(language, blob, 11)
        out[f"pagefind.{info['hash']}.pf_meta"] = blob
    out["pagefind-entry.json"] = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return out


def _name(language: str, blob: bytes, length: int) -> str:
    return f"{language}_{hashlib.sha256(blob).hexdigest()[:length]}"


def _sorted_filter(blob: bytes) -> bytes:
    """A filter file, ``[name, [[value, pages], …]]``, with its values in order.

    The page lists are most of the file (every page under every value): each value's is
    copied as it is encoded, not decoded and encoded again.
    """
    data = _unwrap(blob)
    _, _, pos = _header(data, len(SIGNATURE))   # [name, values]
    name, pos = _decode(data, pos)
    _, count, pos = _header(data, pos)
    values = []
    for _ in range(count):
        start = pos
        _, _, pos = _header(data, pos)          # [value, pages]
        value, pos = _decode(data, pos)
        pos = _skip(data, pos)
        values.append((value, data[start:pos]))
    _check_end(data, pos)
    encoded = b"".join(item for _, item in sorted(values, key=lambda v: v[0]))
    return _wrap(_head(4, 2) + _encode(name) + _head(4, count) + encoded)


def _unpack(blob: bytes):
    data = _unwrap(blob)
    value, end = _decode(data, len(SIGNATURE))
    _check_end(data, end)
    return value


def _unwrap(blob: bytes) -> bytes:
    data = gzip.decompress(blob)
    if not data.startswith(SIGNATURE):
        raise ValueError("not a Pagefind data file")
    return data


def _check_end(data: bytes, end: int) -> None:
    if end != len(data):
        raise ValueError("trailing bytes after a Pagefind data file")


def _pack(value) -> bytes:
    return _wrap(_encode(value))


def _wrap(encoded: bytes) -> bytes:
    return gzip.compress(SIGNATURE + encoded, compresslevel=9, mtime=0)


# --- the CBOR subset -------------------------------------------------------------------------------

def _header(data: bytes, pos: int) -> tuple[int, int, int]:
    """The major type and argument of the CBOR item at ``pos``, and where its content starts."""
    major, info = data[pos] >> 5, data[pos] & 0x1F
    pos += 1
    if info < 24:
        return major, info, pos
    if info > 27:
        raise ValueError("indefinite-length CBOR is not used by Pagefind")
    size = 1 << (info - 24)
    return major, int.from_bytes(data[pos:pos + size], "big"), pos + size


def _skip(data: bytes, pos: int) -> int:
    """Where the CBOR item at ``pos`` ends (a float's bytes are its header's argument)."""
    major, arg, pos = _header(data, pos)
    if major in (2, 3):
        return pos + arg
    for _ in range(arg if major == 4 else 2 * arg if major == 5 else 0):
        head = data[pos]
        if head < 28:  # an unsigned integer, as page numbers are: its size is in its first byte
            pos += 1 if head < 24 else 1 + (1 << (head - 24))
        else:
            pos = _skip(data, pos)
    return pos


def _decode(data: bytes, pos: int):
    if data[pos] >> 5 == 7:
        return _decode_simple(data, pos)
    major, arg, pos = _header(data, pos)
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


def _decode_simple(data: bytes, pos: int):
    info = data[pos] & 0x1F
    pos += 1
    simple = {20: False, 21: True, 22: None}
    if info in simple:
        return simple[info], pos
    if info in (26, 27):
        size = 4 if info == 26 else 8
        return struct.unpack(">f" if size == 4 else ">d", data[pos:pos + size])[0], pos + size
    raise ValueError(f"unsupported CBOR simple value {info}")


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
