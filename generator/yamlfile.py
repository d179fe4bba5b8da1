"""YAML that remembers where each value came from.

Every mapping and list comes back as a ``Node`` subclass carrying the line and column of
itself and of each key or item, so that any later check can name ``file:line:col``.
Dates stay strings (the schema validates them): a source may give only ``2017-04``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from yaml import MappingNode, ScalarNode, SequenceNode

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        tag = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}:{self.col}: {tag}{self.message}"


@dataclass(frozen=True)
class Pos:
    file: str
    line: int
    col: int

    def problem(self, message: str, severity: str = "error") -> Problem:
        return Problem(self.file, self.line, self.col, message, severity)


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
    """SafeLoader with positions, duplicate-key detection and no implicit timestamps."""

    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in _Base.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str, filename: str):
        super().__init__(stream)
        self.filename = filename
        self.problems: list[Problem] = []
        # A merge key is a plain `<<` or carries an explicit tag, which is written with `!`;
        # a file with neither has no mapping worth searching for one.
        self.may_merge = "<<" in stream or "!" in stream

    def _pos(self, node) -> Pos:
        return Pos(self.filename, node.start_mark.line + 1, node.start_mark.column + 1)

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
_MERGE = "tag:yaml.org,2002:merge"
_DEFAULT_TAGS = {ScalarNode: _STR, SequenceNode: _SEQ, MappingNode: _MAP}


@lru_cache(maxsize=1 << 16)
def _implicit_tag(value: str) -> str:
    """The tag of a plain scalar that may be a number, a boolean or null; cached, as such
    keys and values recur in every file."""
    for tag, regexp in _Loader.yaml_implicit_resolvers.get(value[:1], ()):
        if regexp.match(value):
            return tag
    return _STR


def _construct_mapping(loader: _Loader, node, deep=False):
    loader.flatten_mapping(node)
    out = MarkedDict()
    out.pos = loader._pos(node)
    out.key_pos = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            loader.problems.append(loader._pos(key_node).problem(f"duplicate key '{key}'"))
            continue
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_pos[key] = loader._pos(value_node)
    return out


def _construct_sequence(loader: _Loader, node, deep=False):
    out = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    out.pos = loader._pos(node)
    out.item_pos = [loader._pos(child) for child in node.value]
    return out


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)

_SCALARS = {f"tag:yaml.org,2002:{t}": _Loader.yaml_constructors[f"tag:yaml.org,2002:{t}"]
            for t in ("int", "float", "bool", "null")}


def _build(loader: _Loader, node, open_nodes: set[int]):
    """What ``construct_document`` returns for the common tags, several times as fast.

    PyYAML's generic ``construct_object`` does recursion and alias bookkeeping and a
    constructor look-up for every scalar; a national corpus has millions of them.  Plain
    strings, mappings and lists are built here with the same positions and problems as
    ``_construct_mapping`` / ``_construct_sequence``; any other tag goes the generic way.
    The list and mapping builders take a plain string, most of the nodes, without a call.
    """
    tag = node.tag
    if type(node) is ScalarNode:
        if tag == _STR:
            return node.value
        scalar = _SCALARS.get(tag)
        return scalar(loader, node) if scalar else loader.construct_object(node, deep=True)
    if tag not in (_MAP, _SEQ) or (tag == _MAP and _has_merge_key(loader, node)):
        return loader.construct_object(node, deep=True)
    if id(node) in open_nodes:
        raise yaml.constructor.ConstructorError(None, None, "found unconstructable recursive node",
                                                node.start_mark)
    open_nodes.add(id(node))
    out = (_build_list if type(node) is SequenceNode else _build_dict)(loader, node, open_nodes)
    mark = node.start_mark
    out.pos = Pos(loader.filename, mark.line + 1, mark.column + 1)
    open_nodes.discard(id(node))
    return out


def _has_merge_key(loader: _Loader, node) -> bool:
    """Whether a mapping merges others in with ``<<``, which only PyYAML's constructor does."""
    return loader.may_merge and _MERGE in [key.tag for key, _ in node.value]


def _build_list(loader: _Loader, node, open_nodes: set[int]) -> MarkedList:
    name = loader.filename
    out = MarkedList()
    item_pos = out.item_pos = []
    for child in node.value:
        out.append(child.value if child.tag == _STR and type(child) is ScalarNode
                   else _build(loader, child, open_nodes))
        mark = child.start_mark
        item_pos.append(Pos(name, mark.line + 1, mark.column + 1))
    return out


def _build_dict(loader: _Loader, node, open_nodes: set[int]) -> MarkedDict:
    name = loader.filename
    out = MarkedDict()
    key_pos = out.key_pos = {}
    for key_node, value_node in node.value:
        key = (key_node.value if key_node.tag == _STR and type(key_node) is ScalarNode
               else _build(loader, key_node, open_nodes))
        if key in out:
            mark = key_node.start_mark
            loader.problems.append(Problem(name, mark.line + 1, mark.column + 1, f"duplicate key '{key}'"))
            continue
        out[key] = (value_node.value if value_node.tag == _STR and type(value_node) is ScalarNode
                    else _build(loader, value_node, open_nodes))
        mark = value_node.start_mark
        key_pos[key] = Pos(name, mark.line + 1, mark.column + 1)
    return out


def load(path: Path, label: str | None = None) -> tuple[object, list[Problem]]:
    """Parse one YAML file; on a syntax error return ``None`` and the problem."""
    name = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, 1, 1, f"cannot read the file: {exc}")]
    loader = _Loader(text, name)
    try:
        node = loader.get_single_node()
        data = None if node is None else _build(loader, node, set())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(name, line, col, f"YAML syntax error: {exc.problem or exc}")]
    finally:
        loader.dispose()
    return data, loader.problems
