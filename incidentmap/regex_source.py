"""Reading a regular expression's source: its atoms, the group a parenthesis opens, its top-level alternatives.

The speed shortcuts that try at a word only the alternatives of a pattern it can start
(``incidents.lexicon_data`` for triggers, ``dates`` for date phrases) split patterns this way; one walk over the
source serves them all. An escape, and a character class with the escapes inside it, is one atom.
"""

from __future__ import annotations

from collections.abc import Iterator


def atoms(source: str) -> Iterator[tuple[int, str]]:
    """The positions of ``source``'s atoms with their character; an escape or a character class is one atom,
    given as "" (neither groups nor alternates)."""
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            yield i, ""
            i += 2
        elif ch == "[":
            yield i, ""
            j = i + 1
            if source.startswith("^", j):
                j += 1
            if source.startswith("]", j):
                j += 1  # "[]...]", "[^]...]": the first "]" is a member
            while source[j] != "]":
                j += 2 if source[j] == "\\" else 1
            i = j + 1
        else:
            yield i, ch
            i += 1


def group_close(text: str) -> int:
    """The index of the parenthesis that closes the group ``text`` starts with (-1: none)."""
    depth = 0
    for i, ch in atoms(text):
        depth += (ch == "(") - (ch == ")")
        if ch == ")" and depth == 0:
            return i
    return -1


def split_alternatives(source: str) -> list[str]:
    """``source`` split at its top-level "|"."""
    parts, depth, start = [], 0, 0
    for i, ch in atoms(source):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
    parts.append(source[start:])
    return parts
