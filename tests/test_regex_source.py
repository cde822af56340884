"""incidentmap.regex_source: reading a pattern's source (escapes and classes are single atoms)."""

from __future__ import annotations

import re

import pytest

from incidentmap.regex_source import group_close, split_alternatives


@pytest.mark.parametrize("source, parts", [
    (r"a|b(?:c|d)|e", ["a", "b(?:c|d)", "e"]),
    (r"a\|b|c", [r"a\|b", "c"]),  # an escaped bar
    (r"[|]x|y", ["[|]x", "y"]),  # a bar in a class
    (r"[]|]x|y", ["[]|]x", "y"]),  # "]" first in a class is a member
    (r"[^]|]x|y", ["[^]|]x", "y"]),
    (r"[\]|]x|y", [r"[\]|]x", "y"]),  # an escaped "]" does not close the class
])
def test_split_alternatives_splits_only_at_top_level_bars(source, parts):
    assert split_alternatives(source) == parts
    assert "|".join(parts) == source
    re.compile(source)  # each case is a valid pattern


def test_group_close_skips_escapes_and_classes():
    text = r"(a\)[)]b(c))d"
    assert group_close(text) == len(r"(a\)[)]b(c))") - 1
    assert group_close("(a") == -1
