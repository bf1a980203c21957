"""YAML for the knowledge files, with a key written twice refused.

PyYAML keeps the last of two equal keys without a word, so a second ``note:`` under a danger
sign silently replaced the first (the source note of ``bruise_in_baby`` was lost that way).
Clinical content is reviewed in these files; nothing a reviewer reads may be dropped.
"""

from __future__ import annotations

from collections.abc import Hashable

import yaml
from yaml.constructor import ConstructorError
from yaml.nodes import MappingNode


class _StrictLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` that raises on a mapping key written twice."""

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Hashable, object]:
        seen: set[object] = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if isinstance(key, Hashable) and key in seen:
                raise ConstructorError(
                    "while reading a mapping",
                    node.start_mark,
                    f"the key {key!r} is written twice",
                    key_node.start_mark,
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load(text: str) -> object:
    """Parse ``text`` like ``yaml.safe_load``; a duplicate key is a ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_StrictLoader)
