"""YAML that remembers where each value came from.

Every mapping and list comes back as a ``Node`` subclass carrying the line and column of
itself and of each key or item, so that any later check can name ``file:line:col``.
Dates stay strings (the schema validates them): a source may give only ``2017-04``.

Content arrives by pull request, so the loader refuses what content never needs: anchors
and aliases (a few hundred bytes of nested aliases expand to gigabytes), explicit tags and
merge keys.  An empty file is a problem too: it would otherwise vanish without a word.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode

if TYPE_CHECKING:
    _Base = yaml.SafeLoader  # CSafeLoader, libyaml's build of it, has the same interface
else:
    _Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    message: str
    severity: str = "error"
    # What a "not found" problem refers to, as (registry, id): lets a check fold the
    # references into a file that failed to load into one line.  Not part of its identity.
    refers_to: tuple[str, str] | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}:{self.col}: {tag}{self.message}"


@dataclass(frozen=True, slots=True)
class Pos:
    file: str
    line: int
    col: int

    def problem(self, message: str, severity: str = "error", refers_to: tuple[str, str] | None = None) -> Problem:
        return Problem(self.file, self.line, self.col, message, severity, refers_to)


class MarkedDict(dict):
    pos: Pos
    key_pos: dict

    def pos_of(self, key: str) -> Pos:
        """Position of a key's value (of the mapping itself when the key is absent)."""
        return self.key_pos.get(key, self.pos)


class MarkedList(list):
    pos: Pos
    item_pos: list

    def pos_of(self, index: int) -> Pos:
        return self.item_pos[index] if index < len(self.item_pos) else self.pos


class _Loader(_Base):
    """SafeLoader with positions, duplicate-key detection, no implicit timestamps and no
    YAML 1.1 value key (a plain ``=`` is the text ``=``, as a comparator is written)."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers
                if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, filename: str):
        super().__init__(stream)
        self.filename = filename
        self.problems: list[Problem] = []

    def resolve(self, kind, value, implicit):
        """``Resolver.resolve``, which the C composer calls for every node, made cheap.

        Only a plain scalar can get an implicit tag, and only from the resolvers filed
        under its first character; SafeLoader has no path or wildcard resolvers, so every
        other node (quoted text, Chinese text, each mapping and list) gets its kind's
        default tag without the list copies and look-ups of the general method.
        """
        if kind is ScalarNode and implicit[0] and value[:1] in self.yaml_implicit_resolvers:
            return _implicit_tag(value)
        return _DEFAULT_TAGS[kind]


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_DEFAULT_TAGS = {ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP}


@lru_cache(maxsize=1 << 16)
def _implicit_tag(value: str) -> str:
    """The tag of a plain scalar that may be a number, a boolean or null; cached, as such
    keys and values recur in every file."""
    for tag, regexp in _Loader.yaml_implicit_resolvers.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return _STR


_SCALARS = {f"tag:yaml.org,2002:{t}": _Loader.yaml_constructors[f"tag:yaml.org,2002:{t}"]
            for t in ("int", "float", "bool", "null")}


def _build(loader: _Loader, node):
    """What ``construct_document`` returns, several times as fast.

    PyYAML's generic ``construct_object`` does recursion and alias bookkeeping and a
    constructor look-up for every scalar; a national corpus has millions of them.  Plain
    strings, mappings and lists are built here, with positions and duplicate-key problems;
    no alias, tag or merge key gets this far (``_refused``), so every node is built once,
    where it is written, and every mapping and list has its default tag.
    The list and mapping builders take a plain string, most of the nodes, without a call.
    """
    tag = node.tag
    if type(node) is ScalarNode:
        if tag == _STR:
            return node.value
        scalar = _SCALARS.get(tag)
        return scalar(loader, node) if scalar else loader.construct_object(node, deep=True)
    out = (_build_list if type(node) is SequenceNode else _build_dict)(loader, node)
    mark = node.start_mark
    out.pos = Pos(loader.filename, mark.line + 1, mark.column + 1)
    return out


def _build_list(loader: _Loader, node) -> MarkedList:
    name = loader.filename
    out = MarkedList()
    item_pos = out.item_pos = []
    for child in node.value:
        out.append(child.value if child.tag == _STR and type(child) is ScalarNode
                   else _build(loader, child))
        mark = child.start_mark
        item_pos.append(Pos(name, mark.line + 1, mark.column + 1))
    return out


def _build_dict(loader: _Loader, node) -> MarkedDict:
    name = loader.filename
    out = MarkedDict()
    key_pos = out.key_pos = {}
    for key_node, value_node in node.value:
        key = (key_node.value if key_node.tag == _STR and type(key_node) is ScalarNode
               else _build(loader, key_node))
        if key in out:
            mark = key_node.start_mark
            loader.problems.append(Problem(name, mark.line + 1, mark.column + 1, f"duplicate key '{key}'"))
            continue
        out[key] = (value_node.value if value_node.tag == _STR and type(value_node) is ScalarNode
                    else _build(loader, value_node))
        mark = value_node.start_mark
        key_pos[key] = Pos(name, mark.line + 1, mark.column + 1)
    return out


# Characters without which a file can hold no anchor (&), alias (*), tag (!) or merge key
# (<<): only a file with one of them is scanned for them.
_REFUSED_MARKS = ("&", "*", "!", "<<")


def _refused(text: str, name: str) -> list[Problem]:
    """Every anchor, alias, explicit tag and merge key in ``text``, at its position.

    Scanned as parser events, before any node is composed, so an alias bomb costs the
    time of reading its few hundred bytes."""
    if not any(mark in text for mark in _REFUSED_MARKS):
        return []
    found: dict[str, Problem] = {}  # the first of each anchor, alias, tag: a bomb repeats them

    def refuse(key: str, event, message: str) -> None:
        mark = event.start_mark
        found.setdefault(key, Problem(name, mark.line + 1, mark.column + 1, message))

    for event in yaml.parse(text, Loader=_Base):
        if isinstance(event, yaml.AliasEvent):
            refuse(f"*{event.anchor}", event, f"alias '*{event.anchor}' is not allowed in content: write the value out")
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        if event.anchor is not None:
            refuse(f"&{event.anchor}", event, f"anchor '&{event.anchor}' is not allowed in content: write each value out")
        tag = getattr(event, "tag", None)
        if tag is not None:
            refuse(f"!{tag}", event, f"tag '{tag}' is not allowed in content: write the value without it")
        if isinstance(event, yaml.ScalarEvent) and event.value == "<<" and event.implicit[0]:
            refuse("<<", event, "merge key '<<' is not allowed in content (quote it if it is text)")
    return sorted(found.values())


# Syntax errors a hand edit of text makes, and what to do about them: an unquoted ': ' or
# ',' in a value (时间: 6月15日) ends it, and a '[' or '{' at its start opens a list or a mapping,
# so YAML finds a key, or a second value, where it can have none.
_QUOTE_HINTS = ("mapping values are not allowed", "expected ',' or '}'", "expected ',' or ']'")


def _hint(problem: str | None) -> str:
    if problem and any(h in problem for h in _QUOTE_HINTS):
        return ("; if this line's value is text holding ': ', ',', '[' or '{', quote this value "
                "(text: '截止时间: 6月15日')")
    return ""


def _regular_file_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when it is not a regular file: opened without blocking and
    checked on the open file, so a FIFO named like content cannot hang the check."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as file:
        return file.read() if stat.S_ISREG(os.fstat(fd).st_mode) else None


def load(path: Path, label: str | None = None) -> tuple[Any, list[Problem]]:
    """Parse one YAML file; when it cannot be used return ``None`` and the problems."""
    name = label or str(path)
    try:
        data = _regular_file_bytes(path)
    except OSError as exc:
        return None, [Problem(name, 1, 1, f"cannot read the file: {exc.strerror or exc}")]
    if data is None:
        return None, [Problem(name, 1, 1, "is not a regular file (a FIFO, socket or device); not read")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [Problem(name, line, col, f"the file is not UTF-8 (byte 0x{data[exc.start]:02x}); save it as UTF-8")]
    return parse(text, name)


def parse(text: str, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text, as ``load`` parses a file's (``mkdocs serve`` parses the part of a
    file an edit changed)."""
    loader = None
    try:
        refused = _refused(text, name)
        if refused:
            return None, refused
        loader = _Loader(text, name)
        node = loader.get_single_node()
        result = None if node is None else _build(loader, node)
        if result is None:  # no document, or one that is only `---` or `null`
            return None, [Problem(name, 1, 1, "the file is empty (or holds only comments)")]
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(name, line, col, f"YAML syntax error: {exc.problem or exc}{_hint(exc.problem)}")]
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        return None, [Problem(name, line, col, f"YAML syntax error: {exc.reason} (character {exc.character!r})")]
    except RecursionError:
        return None, [Problem(name, 1, 1, "YAML nested too deeply to be content")]
    finally:
        if loader is not None:
            loader.dispose()
    return result, loader.problems
