"""Reading YAML with line numbers: one parse gives the data and a map from field paths to lines."""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml

try:
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader  # type: ignore[misc]


class _Loader(_Base):  # type: ignore[misc,valid-type]
    pass


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    # 2024-13-45 looks like a date to YAML and raises ValueError (no line, a traceback); keep the text
    # and let the schema report it with its line.
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return node.value


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


_RELEASED = object()  # Document data forgotten: parsed again from the text when asked for

# Characters that are never a problem in content (printable ASCII, line breaks, CJK unified
# ideographs, CJK punctuation, full-width forms; tests/test_perf.py checks every one): most text is
# only these, so kb.checks.run looks up only the others (unicodedata per character was a tenth of a
# 1,000-question build).
UNUSUAL = re.compile(r"[^\n\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff01-\uff5e]")


class Document:
    """Parsed YAML plus the node tree, to answer "which line is this field on?".

    The node tree takes several times the memory of the text (77 MB for 1,000 questions, the largest
    part of a build's memory; scripts/benchmark.py): ``release()`` drops it once the file is checked,
    and it is composed again from the text the first time it is needed (to report a problem).
    """

    def __init__(self, data: Any, node: yaml.Node | None, text: str | None = None):
        self._data = data
        self._node = node
        self._text = text
        self._reread: Callable[[], str] | None = None
        # What kb.checks.run needs of the text once it is released: its characters outside UNUSUAL's ranges.
        self.unusual = frozenset(UNUSUAL.findall(text)) if text is not None else frozenset()

    @property
    def text(self) -> str | None:
        return self._text if self._reread is None else self._reread()

    @property
    def data(self) -> Any:
        if self._data is _RELEASED:
            self._data = parse(self.text).data
        return self._data

    @property
    def node(self) -> yaml.Node | None:
        if self._node is None and self.text is not None:
            self._node = _compose(self.text)
        return self._node

    def release(self, reread: Callable[[], str] | None = None) -> None:
        """Forget the node tree if the text can give it again.

        With ``reread`` (which returns the same text, e.g. from the file): forget the data and the
        text too. At 3,000 questions the texts and their parsed data were half of a build's memory;
        they are needed again only to report a problem.
        """
        if self._text is not None:
            self._node = None
        if reread is not None:
            self._data, self._text, self._reread = _RELEASED, None, reread

    def node_at(self, loc: tuple[str | int, ...]) -> yaml.Node | None:
        node = self.node
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                node = next((v for k, v in node.value if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                node = node.value[key]
            else:
                return None
        return node

    def line_in_text(self, loc: tuple[str | int, ...], n: int) -> int | None:
        """File line of line ``n`` (1-based) of the text at ``loc``: exact for block scalars (``|``)."""
        node = self.node_at(loc)
        if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
            return node.start_mark.line + 1 + n
        return self.line_of(loc)

    def line_of(self, loc: tuple[str | int, ...]) -> int | None:
        """1-based line of the deepest node on the path ``loc`` that exists in the file."""
        node = self.node
        if node is None:
            return None
        line = node.start_mark.line + 1
        for key in loc:
            if isinstance(node, yaml.MappingNode):
                for k, v in node.value:
                    if k.value == key:
                        line, node = k.start_mark.line + 1, v
                        break
                else:
                    return line
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int):
                if key >= len(node.value):
                    return line
                node = node.value[key]
                line = node.start_mark.line + 1
            else:
                return line
        return line


MAX_DEPTH = 1000  # libyaml's composer recurses in C: tens of thousands of levels crash the process
_COLLECTION_START = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_COLLECTION_END = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def too_deep(text: str) -> int | None:
    """The line where nesting passes ``MAX_DEPTH``, or None. Call before ``parse``.

    A collection needs one of ``[{-?:`` per level, so most files are cleared without parsing; the
    rest are scanned with libyaml's event parser, which does not recurse.
    """
    if sum(text.count(c) for c in "[{-?:") <= MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, _COLLECTION_START):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, _COLLECTION_END):
                depth -= 1
    except yaml.YAMLError as exc:
        # libyaml (PyYAML 6.0.4 and later) stops at its own limit of 1,000 levels: the same finding
        if "nesting depth" in str(getattr(exc, "problem", "") or exc):
            mark = getattr(exc, "problem_mark", None)
            return mark.line + 1 if mark else 1
        return None  # parse() reports it
    return None


def structure_problems(doc: Document) -> list[tuple[int, tuple, str]]:
    """Valid YAML that still loses or hides data: duplicate keys and aliases. (line, loc, message)."""
    out: list[tuple[int, tuple, str]] = []
    if doc.node is None:
        return out
    seen: set[int] = {id(doc.node)}
    stack: list[tuple[yaml.Node, tuple]] = [(doc.node, ())]
    while stack:
        node, loc = stack.pop()
        children: list[tuple[yaml.Node, tuple, int]] = []
        if isinstance(node, yaml.MappingNode):
            first: dict[object, int] = {}
            for k, v in node.value:
                line = k.start_mark.line + 1
                key = k.value if isinstance(k, yaml.ScalarNode) else None
                if key is not None and key in first:
                    out.append((line, loc + (key,), f"duplicate key (first on line {first[key]}); "
                                "YAML keeps only the last one, so remove one of them"))
                elif key is not None:
                    first[key] = line
                children.append((v, loc + (key if key is not None else "?",), line))
        elif isinstance(node, yaml.SequenceNode):
            children = [(v, loc + (i,), v.start_mark.line + 1) for i, v in enumerate(node.value)]
        for child, child_loc, line in children:
            if id(child) in seen:
                out.append((line, child_loc, "YAML aliases (*name) are not allowed; write the value out"))
                continue
            seen.add(id(child))
            stack.append((child, child_loc))
    out.sort(key=lambda p: p[0])
    return [p for i, p in enumerate(out) if i == 0 or p[0] != out[i - 1][0] or p[2] != out[i - 1][2]]


def parse(text: str) -> Document:
    """Parse one YAML document. Raises ``yaml.YAMLError`` (with a mark) on bad syntax."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = _construct(loader, node) if node is not None else None
    finally:
        loader.dispose()
    return Document(data, node, text)


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"


def _construct(loader: _Loader, root: yaml.Node) -> Any:
    """``loader.construct_document(root)``, three times faster for what content files hold.

    Content is mappings, lists and text: those are built here directly from the node tree; any
    other scalar (numbers, dates, booleans) goes to the loader's own constructor. Anything else
    (merge keys, keys that are not scalars, other tags) is left to the loader, with its errors.
    """

    def build(node: yaml.Node) -> Any:
        tag = node.tag
        if isinstance(node, yaml.ScalarNode):
            return node.value if tag == _STR else loader.construct_object(node, deep=True)
        if isinstance(node, yaml.SequenceNode) and tag == _SEQ:
            return [build(item) for item in node.value]
        if isinstance(node, yaml.MappingNode) and tag == _MAP:
            out = {}
            for key, value in node.value:
                if not isinstance(key, yaml.ScalarNode) or key.tag not in (_STR, "tag:yaml.org,2002:int"):
                    raise _Unusual
                out[build(key)] = build(value)
            return out
        raise _Unusual

    try:
        return build(root)
    except _Unusual:
        return loader.construct_document(root)


class _Unusual(Exception):
    """A node the fast path leaves to PyYAML's constructor."""


def _compose(text: str) -> yaml.Node | None:
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def dump(data: Any) -> str:
    """Deterministic, readable YAML: block scalars for multi-line text, keys in the given order."""
    return yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100)


class _BlockDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
    """libyaml's emitter when there is one: the same text as PyYAML's, three times faster (kb import at
    10,000 questions spent a third of its time here)."""


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str_representer)
