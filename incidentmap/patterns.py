"""Compiled regular expressions that read ASCII text with an ASCII twin: the same matches, found faster.

In Unicode mode Python's regular-expression engine asks the Unicode database for every ``\\b``, ``\\w`` and
``\\d`` test and every case-blind letter, ASCII or not; compiled with ``re.ASCII`` the same tests are table
look-ups. On a text of ASCII characters only the two find the same matches, with two exceptions this module
removes: ``\\s`` (Unicode counts the separators \\x1c-\\x1f as whitespace; the twin's ``\\s`` names them) and
the four non-ASCII letters that match ASCII ones case-blind (the Kelvin sign matches "k": a pattern holding one,
in a range too, or an escape that could write one, gets no twin). :class:`Pattern` chooses per call, by
``str.isascii()``, which answers from the string's header without reading it.

Most of the engine's sentences are ASCII (a curly quote makes only its own sentence Unicode: a slice of a text is
stored as narrowly as its own characters allow), and with the regular expressions about a third of the pipeline's
time, the twins save about 6 % of it; the methods most called are bound once, so a call skips the method
look-up too.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from typing import Any, Final

from .regex_source import atoms

# What Unicode's \s holds among the ASCII characters and ASCII mode's does not.
_SEPARATORS: Final = r"\x1c-\x1f"
# The only characters beyond ASCII that match an ASCII letter case-blind in Unicode mode: İ, ı, ſ and the Kelvin
# sign (every other code point was tried against the 128 ASCII characters).
_FOLD_TO_ASCII: Final = frozenset((0x130, 0x131, 0x17F, 0x212A))


def ascii_source(source: str, flags: int = 0) -> str | None:
    """``source`` rewritten for ``re.ASCII`` so that on ASCII text it matches as ``source`` does in Unicode mode;
    None where that cannot be promised (an inline Unicode flag, a Unicode escape, a non-ASCII letter that folds to
    an ASCII one, a verbose pattern, or ``\\S`` inside a character class)."""
    if flags & (re.ASCII | re.VERBOSE | re.LOCALE) or re.search(r"\(\?[aiLmsux-]*[uxaL]", source):
        return None  # (re.UNICODE is a str pattern's default: it changes nothing)
    if "\\u" in source or "\\U" in source or "\\N" in source or any(ord(ch) in _FOLD_TO_ASCII for ch in source):
        return None
    out: list[str] = []
    positions = [i for i, _ in atoms(source)] + [len(source)]
    for i, end in zip(positions, positions[1:]):
        atom = source[i:end]
        if atom == "\\s":
            out.append(rf"[\s{_SEPARATORS}]")
        elif atom == "\\S":
            out.append(rf"[^\s{_SEPARATORS}]")
        elif atom.startswith("["):
            members, k = [], 1
            while k < len(atom) - 1:
                step = 2 if atom[k] == "\\" else 1
                members.append(atom[k:k + step])
                k += step
            if "\\S" in members or any(
                    members[j] == "-" and len(members[j - 1]) == len(members[j + 1]) == 1
                    and any(ord(members[j - 1]) <= c <= ord(members[j + 1]) for c in _FOLD_TO_ASCII)
                    for j in range(1, len(members) - 1)):
                return None
            out.append("".join(m + _SEPARATORS if m == "\\s" else m for m in members).join(("[", "]")))
        else:
            out.append(atom)
    return "".join(out)


class Pattern:
    """A compiled pattern with the interface of :class:`re.Pattern` the engine uses; ASCII strings are read by its
    ASCII twin (see the module's docstring), others by the pattern itself. Each is compiled on its first use: a
    pattern that only ever reads ASCII text (most of the engine's, built per word as the vocabulary is met) is
    compiled once, as before."""

    def __init__(self, source: str, flags: int = 0) -> None:
        self.pattern: str = source
        self._flags = flags
        self._unicode: re.Pattern[str] | None = None
        self._ascii: re.Pattern[str] | None = None
        # Bound on first use: a call then skips the method look-up.
        self._search_a: Callable[..., re.Match[str] | None] | None = None
        self._search_u: Callable[..., re.Match[str] | None] | None = None
        self._match_a: Callable[..., re.Match[str] | None] | None = None
        self._match_u: Callable[..., re.Match[str] | None] | None = None

    def __repr__(self) -> str:
        return f"patterns.Pattern({self.pattern!r}, {self._flags})"

    def unicode_pattern(self) -> re.Pattern[str]:
        """The pattern as :func:`re.compile` makes it: what reads text that is not ASCII."""
        p = self._unicode
        if p is None:
            p = self._unicode = re.compile(self.pattern, self._flags)
            self._search_u, self._match_u = p.search, p.match
        return p

    def ascii_pattern(self) -> re.Pattern[str]:
        """The ASCII twin (the pattern itself where :func:`ascii_source` promises no twin)."""
        p = self._ascii
        if p is None:
            twin = ascii_source(self.pattern, self._flags)
            if twin is None:
                p = self.unicode_pattern()
            else:
                try:
                    p = re.compile(twin, (self._flags & ~re.UNICODE) | re.ASCII)
                except ValueError:  # an inline (?u)
                    p = self.unicode_pattern()
            self._ascii = p
            self._search_a, self._match_a = p.search, p.match
        return p

    def _pick(self, string: str) -> re.Pattern[str]:
        return self.ascii_pattern() if string.isascii() else self.unicode_pattern()

    @property
    def flags(self) -> int:
        return self.unicode_pattern().flags

    @property
    def groups(self) -> int:
        return self.unicode_pattern().groups

    @property
    def groupindex(self) -> Any:
        return self.unicode_pattern().groupindex

    # search and match: the engine's most frequent calls, through the bound methods.
    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if string.isascii():
            f = self._search_a
            if f is None:
                f = self.ascii_pattern().search
            return f(string, pos, endpos)
        g = self._search_u
        if g is None:
            g = self.unicode_pattern().search
        return g(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if string.isascii():
            f = self._match_a
            if f is None:
                f = self.ascii_pattern().match
            return f(string, pos, endpos)
        g = self._match_u
        if g is None:
            g = self.unicode_pattern().match
        return g(string, pos, endpos)

    def fullmatch(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self._pick(string).fullmatch(string, pos, endpos)

    def finditer(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        return self._pick(string).finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self._pick(string).findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[Any]:
        return self._pick(string).split(string, maxsplit)

    def sub(self, repl: Any, string: str, count: int = 0) -> str:
        return self._pick(string).sub(repl, string, count)


# Patterns made, by source and flags: re remembers its patterns too, in a cache of 512 the twins would fill twice
# as fast, and the patterns built per word of the vocabulary are built again whenever their memo is emptied.
_MADE: Final[dict[tuple[str, int], Pattern]] = {}
_MADE_MAX: Final = 4096  # then forgotten at once (sources built from an article's names must not pile up)


def compile(source: str, flags: int = 0) -> Pattern:  # noqa: A001 - re.compile's name, for its drop-in use
    """:func:`re.compile` with an ASCII twin."""
    key = (source, flags)
    made = _MADE.get(key)
    if made is None:
        if len(_MADE) >= _MADE_MAX:
            _MADE.clear()
        made = _MADE[key] = Pattern(source, flags)
    return made
