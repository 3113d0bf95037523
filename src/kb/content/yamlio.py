"""Reading YAML with line numbers: one parse gives the data and a map from field paths to lines."""

from __future__ import annotations

import re
from typing import Any, Callable

import yaml

from kb.content.errors import shorten

try:
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Base = yaml.SafeLoader  # type: ignore[misc]


class _Loader(_Base):  # type: ignore[misc,valid-type]
    pass


def _timestamp(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """A date only when written YYYY-MM-DD; anything else YAML 1.1 reads as a timestamp stays text.

    ``2024-1-1`` and ``2024-01-01 10:00`` are timestamps to YAML 1.1 (a ``datetime`` for the second);
    content has dates only, written one way. ``2024-13-45`` looks like a date to YAML and raises
    ValueError (no line, a traceback): kept as text, the schema reports it with its line.
    """
    if not _DATE.fullmatch(node.value):
        return node.value
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return node.value


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def _int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    """A whole number only when written in decimal digits; YAML 1.1's other integers stay text.

    To YAML 1.1 ``010`` is octal 8, ``02021`` is 1041, ``1_0`` is 10 and ``0x2`` is 2: a file that says
    ``difficulty: 010`` was then told "must be at most 3, got 8", and ``year: 2_021`` passed as 2021. As
    text, the schema reports them as written (``kb.content.loader``).
    """
    if not DECIMAL.fullmatch(node.value):
        return node.value
    return yaml.SafeLoader.construct_yaml_int(loader, node)


DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_Loader.add_constructor("tag:yaml.org,2002:int", _int)


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

    def __init__(self, data: Any, node: yaml.Node | None, text: str | None = None,
                 tagged: dict[tuple[int, int, str], str] | None = None,
                 anchored: dict[tuple[int, int, str], str] | None = None):
        self._data = data
        self._node = node
        self._text = text
        self._reread: Callable[[], str] | None = None
        self.tagged = tagged or {}  # where (``_where``) each node written with a tag is -> the tag as written
        self.anchored = anchored or {}  # where each node with an anchor is -> the anchor as written
        # What kb.checks.run needs once the data is released: the characters outside UNUSUAL's ranges of
        # every text in the data, keys included (the parsed values: "\u202e" in a quoted string is one).
        self.unusual = frozenset(UNUSUAL.findall("\n".join(strings(data))))

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


def strings(data: Any) -> list[str]:
    """Every text in parsed YAML: values and keys, depth first in document order."""
    out: list[str] = []
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, dict):
            for k, v in reversed(list(value.items())):
                stack += [v, k]
        elif isinstance(value, list):
            stack += reversed(value)
    return out


def structure_problems(doc: Document) -> list[tuple[int, tuple, str]]:
    """Valid YAML that content does not allow: anything that is not a plain mapping, list or scalar
    (tags, anchors, merge keys, keys that are lists or mappings), or that loses or hides data (duplicate
    keys, aliases). (line, loc, message), by line."""
    out: list[tuple[int, tuple, str]] = []
    if doc.node is None:
        return out

    def tag_of(node: yaml.Node, loc: tuple) -> None:
        where = _where(node)
        if where in doc.tagged:
            out.append((where[0] + 1, loc, f"YAML tags ({shorten(doc.tagged[where])}) are not allowed; remove "
                        "the tag: content is plain text, numbers, lists and mappings"))
        if where in doc.anchored:
            out.append((where[0] + 1, loc, f"YAML anchors ({shorten(doc.anchored[where])}) are not allowed; "
                        "remove it (an anchor is only for aliases, which are not allowed either)"))

    tag_of(doc.node, ())
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
                if key is None:
                    out.append((line, loc, "a key must be a name, not a list or a mapping (YAML's '? ' keys)"))
                elif k.tag == _MERGE:
                    out.append((line, loc + (key,), "YAML merge keys (<<) are not allowed; write the keys out"))
                elif key in first:
                    out.append((line, loc + (key,), f"duplicate key (first on line {first[key]}); "
                                "YAML keeps only the last one, so remove one of them"))
                else:
                    first[key] = line
                if isinstance(k, yaml.ScalarNode):
                    tag_of(k, loc + (key,))
                children.append((v, loc + (key if key is not None else "?",), line))
        elif isinstance(node, yaml.SequenceNode):
            children = [(v, loc + (i,), v.start_mark.line + 1) for i, v in enumerate(node.value)]
        for child, child_loc, line in children:
            if id(child) in seen:
                out.append((line, child_loc, "YAML aliases (*name) are not allowed; write the value out"))
                continue
            seen.add(id(child))
            tag_of(child, child_loc)
            stack.append((child, child_loc))
    out.sort(key=lambda p: p[0])
    return [p for i, p in enumerate(out) if i == 0 or p[0] != out[i - 1][0] or p[2] != out[i - 1][2]]


_CANDIDATE = re.compile(r"[!&]")


def _may_be_decorated(text: str) -> bool:
    """Whether a "!" or a "&" of ``text`` can start a node: at the start of a line (after indentation), after
    "- ", "? " or ": " (or "--- "), or in a flow after "[", "{", "," or ":". Most files have none ("a & b",
    "x != y" and "![image]" are text): the events are parsed only for the others."""
    for m in _CANDIDATE.finditer(text):
        if m.start() and text[m.start() - 1] not in " \t\n[{,:":
            continue  # inside a word: "Q&A", "x!=y"
        before = text[text.rfind("\n", 0, m.start()) + 1:m.start()]
        kept = before.rstrip(" \t")
        if not kept or kept[-1] in "[{,:":
            return True
        if kept[-1] in "-?" and len(kept) < len(before) and (len(kept) == 1 or kept[-2] in " \t-"):
            return True
    return False


_WRITTEN_TAG = re.compile(r"!<[^>]*>?|![^\s,\[\]{}]*")
# The events that start a node -> that node's kind (yaml.Node.id)
_NODE_EVENTS = {yaml.ScalarEvent: "scalar", yaml.MappingStartEvent: "mapping", yaml.SequenceStartEvent: "sequence"}


def _where(node: yaml.Node) -> tuple[int, int, str]:
    """A node's place: line, column and kind (a block mapping starts where its first key does)."""
    return node.start_mark.line, node.start_mark.column, node.id


def _decorations(text: str) -> tuple[dict[tuple[int, int, str], str], dict[tuple[int, int, str], str]]:
    """The nodes written with a tag (``!!str``, ``!foo``, ``!<…>``) and with an anchor (``&a``): where the
    node is (``_where``) -> the tag as written, and -> ``&`` and the anchor's name.

    The node tree does not say whether a tag was written or resolved, nor keep anchors; the events do. Only
    text with a "!" or a "&" where a node can start (``_may_be_decorated``) is parsed for them.
    """
    tags: dict[tuple[int, int, str], str] = {}
    anchors: dict[tuple[int, int, str], str] = {}
    if not _may_be_decorated(text):
        return tags, anchors
    lines = text.split("\n")
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if type(event) not in _NODE_EVENTS:
                continue
            mark = event.start_mark
            where = (mark.line, mark.column, _NODE_EVENTS[type(event)])
            if event.tag is not None:
                found = _WRITTEN_TAG.search(lines[mark.line], mark.column) if mark.line < len(lines) else None
                tags[where] = found.group() if found else event.tag
            if event.anchor is not None:
                anchors[where] = "&" + event.anchor
    except yaml.YAMLError:
        pass  # parse() reports it
    return tags, anchors


def parse(text: str) -> Document:
    """Parse one YAML document. Raises ``yaml.YAMLError`` (with a mark) on bad syntax.

    Nothing but YAML's plain forms is built: a node written with a tag is its text (or list, or mapping),
    never what the tag names, and ``structure_problems`` refuses it.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        tagged, anchored = _decorations(text) if node is not None else ({}, {})
        data = _construct(loader, node, tagged) if node is not None else None
    finally:
        loader.dispose()
    return Document(data, node, text, tagged, anchored)


_MERGE = "tag:yaml.org,2002:merge"
# Scalars YAML resolves without a tag, built by the loader's own (safe) constructors.
_IMPLICIT = frozenset(f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp"))


def _construct(loader: _Loader, root: yaml.Node, tagged: dict[tuple[int, int, str], str]) -> Any:
    """Python data of the node tree, by the node's kind alone: dicts, lists, text, and the scalars YAML
    resolves by themselves (numbers, booleans, null, dates); any other plain scalar is its text (a plain "=",
    YAML 1.1's "value" key, too).

    Never PyYAML's ``construct_document``: a tag (``!!set``, ``!!binary``, ``!!python/…``) cannot make
    a set, bytes or an object; a tagged node is built as if it had no tag, and reported by
    ``structure_problems``. Keys are their text as written (a key is a field name: ``yes:`` is "yes").
    Each node is built once: an alias (a node met again) is None, so nine lines of nested aliases (the
    "billion laughs") cannot expand into 9⁹ items (it took 3 GB and minutes); ``structure_problems`` refuses
    aliases. Without recursion: a file nested 500 levels deep is within ``MAX_DEPTH``, not Python's stack.
    Three times faster than ``construct_document`` for what content files hold.
    """
    seen: set[int] = set()
    todo: list[tuple[yaml.Node, Any]] = []

    def made(node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            if node.tag in _IMPLICIT and _implicit(loader, node) and _where(node) not in tagged:
                return loader.construct_object(node, deep=True)
            return node.value
        if id(node) in seen:
            return None
        seen.add(id(node))
        out: Any = [] if isinstance(node, yaml.SequenceNode) else {}
        todo.append((node, out))
        return out

    data = made(root)
    while todo:
        node, out = todo.pop()
        if isinstance(out, list):
            out.extend(made(item) for item in node.value)
        else:
            for key, value in node.value:
                out[key.value if isinstance(key, yaml.ScalarNode) else "?"] = made(value)
    return data


def _implicit(loader: _Loader, node: yaml.ScalarNode) -> bool:
    """Whether YAML gave the scalar its tag by itself: plain (style None, or "" from libyaml) and resolved
    so. A tag written (``!!int x``) is never built (``int("x")`` would raise), whether ``_decorations`` saw it
    or not."""
    return not node.style and loader.resolve(yaml.ScalarNode, node.value, (True, False)) == node.tag


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
