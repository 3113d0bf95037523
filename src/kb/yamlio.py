"""Reading YAML with line numbers: one parse gives the data and a map from field paths to lines."""

from __future__ import annotations

from typing import Any

import yaml

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing
    _Loader = yaml.SafeLoader  # type: ignore[misc]


class Document:
    """Parsed YAML plus the node tree, to answer "which line is this field on?"."""

    def __init__(self, data: Any, node: yaml.Node | None):
        self.data = data
        self.node = node

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


def parse(text: str) -> Document:
    """Parse one YAML document. Raises ``yaml.YAMLError`` (with a mark) on bad syntax."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return Document(data, node)


def dump(data: Any) -> str:
    """Deterministic, readable YAML: block scalars for multi-line text, keys in the given order."""
    return yaml.dump(data, Dumper=_BlockDumper, allow_unicode=True, sort_keys=False, width=100)


class _BlockDumper(yaml.SafeDumper):
    pass


def _str_representer(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_BlockDumper.add_representer(str, _str_representer)
