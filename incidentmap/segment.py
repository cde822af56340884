"""Sentences and paragraphs as offsets into the original text (the text itself is never changed)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS: Final = frozenset(
    "mr mrs ms dr gen col lt sgt capt maj prof sen rep gov st jan feb mar apr jun jul aug sep sept oct nov dec "
    "no vs etc inc ltd co corp u.s u.k u.n e.g i.e approx est mt ft".split()
)
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space, or directly by a capital letter
# or an odd character: copy-pasted news often loses the space ("vehicles.Ī curfew").
# ("[.!?][.!?]*" is "[.!?]+" written to open with a character set: the regex engine then skips to the next
# stop in its scanning loop instead of trying every position; same matches, twice as fast.)
_END: Final = re.compile(r"[.!?][.!?]*[\"'”’)\]]*(?=\s|[^\W\d_a-z]|$)", re.UNICODE)
_PARAGRAPH: Final = re.compile(r"\n\s*\n|\r\n\s*\r\n")


@dataclass(frozen=True, slots=True, init=False)
class Span:
    start: int
    end: int
    paragraph: int = 0

    # (Written, not generated: compiled, it costs a tenth; see the note in models.py.)
    def __init__(self, start: int, end: int, paragraph: int = 0) -> None:
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)
        object.__setattr__(self, "paragraph", paragraph)


def paragraphs(text: str) -> list[Span]:
    spans, pos = [], 0
    for start, end in _paragraph_breaks(text):
        if text[pos:start].strip():
            spans.append(Span(pos, start))
        pos = end
    if text[pos:].strip():
        spans.append(Span(pos, len(text)))
    return spans


def _paragraph_breaks(text: str) -> list[tuple[int, int]]:
    """The spans ``_PARAGRAPH.finditer(text)`` finds.

    Speed: in a text without "\\r" (nearly all) only "\\n\\s*\\n" can match: each line break is found with
    str.find (memchr), not by the regex engine testing every character; the white space after it (str.isspace
    is the regex's \\s) then runs to its last line break, where the greedy "\\s*\\n" ends."""
    if "\r" in text:
        return [m.span() for m in _PARAGRAPH.finditer(text)]
    breaks = []
    n = len(text)
    i = text.find("\n")
    while i >= 0:
        last = -1
        j = i + 1
        while j < n and text[j].isspace():
            if text[j] == "\n":
                last = j
            j += 1
        if last >= 0:
            breaks.append((i, last + 1))
            i = text.find("\n", last + 1)
        else:
            i = text.find("\n", j)
    return breaks


# A line break ends a sentence when the line is a headline, a bullet or a time-stamped entry, or when
# the next line is one: live blogs, situation reports and headlines have no full stops to go by.
_LINE_BREAK: Final = re.compile(r"\n(?=[ \t]*(?:[-•*–—▪►]\s|\d{1,2}[:.]\d{2}\b|\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)\b))|"
                                r"(?<=[.!?:\"”)\]])[ \t]*\n")
_HEADLINE: Final = re.compile(r"[^\n.!?]{1,120}\n(?=[ \t]*[^\W\d_a-z])")


_OWN_LINE: Final = re.compile(r"\n[ \t]*(?:[-•*–—▪►]\s|\d{1,2}[:.]\d{2}\b)[^\n]*")


def _line_breaks(text: str, start: int, end: int) -> list[int]:
    """Offsets inside a paragraph where a line break also ends a sentence."""
    if text.find("\n", start, end) < 0:
        return []  # speed: every rule below needs a line break, and most paragraphs have none
    cuts = [m.start() for m in _LINE_BREAK.finditer(text, start, end)]
    first = _HEADLINE.match(text, start, end)  # a title line: few words, no final stop, then a capital
    if first is not None and len(text[start:first.end()].split()) <= 14:
        cuts.append(first.end() - 1)
    # A bullet or time-stamped line is a sentence of its own.
    for m in _OWN_LINE.finditer(text[start:end]):
        cuts.append(start + m.end())
    return sorted(set(c for c in cuts if start < c < end))


def sentences(text: str) -> list[Span]:
    """Sentence spans, trimmed of surrounding white space, tagged with their paragraph number."""
    out: list[Span] = []
    for p_no, para in enumerate(paragraphs(text)):
        pieces, cut_at = [], para.start
        for cut in _line_breaks(text, para.start, para.end):
            pieces.append((cut_at, cut))
            cut_at = cut
        pieces.append((cut_at, para.end))
        for piece_start, piece_end in pieces:
            _split_piece(text, out, piece_start, piece_end, p_no)
    return out


def _split_piece(text: str, out: list[Span], start: int, end: int, p_no: int) -> None:
    """Split one line-delimited piece of a paragraph at sentence-ending punctuation."""
    for m in _END.finditer(text, start, end):
        word = text[max(start, m.start() - 12):m.start()].rsplit(None, 1)[-1:] or [""]
        token = word[0].lower().lstrip("(\"'“‘")
        if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
            continue  # "Gen. Smith", "U.S. troops", "J. Doe"
        _add(text, out, start, m.end(), p_no)
        start = m.end()
    _add(text, out, start, end, p_no)


MAX_SENTENCE: Final = 1_500  # characters: text without full stops is cut at a space, so work per sentence stays bounded


def _add(text: str, out: list[Span], start: int, end: int, p_no: int) -> None:
    while start < end and (text[start].isspace() or text[start] == "\ufeff"):  # a BOM starts no sentence
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = text.rfind(" ", start + MAX_SENTENCE // 2, start + MAX_SENTENCE)
        cut = cut if cut > start else start + MAX_SENTENCE
        out.append(Span(start, cut, p_no))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append(Span(start, end, p_no))


def sentence_index(sents: list[Span]):
    """A function from a text offset to the number of the sentence that holds it."""
    starts = [s.start for s in sents]

    def sent_of(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return i if i > 0 else 0

    return sent_of


class SpanIndex:
    """Non-overlapping spans of a text with fast overlap queries (long inputs make linear scans quadratic)."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()) -> None:
        self._items: list[tuple[int, int]] = sorted(spans)

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._items, (start, end))

    def remove(self, start: int, end: int) -> None:
        i = bisect.bisect_left(self._items, (start, end))
        if i < len(self._items) and self._items[i] == (start, end):
            del self._items[i]

    def overlapping(self, start: int, end: int) -> list[tuple[int, int]]:
        """Stored spans that share a character with [start, end)."""
        items = self._items
        i = bisect.bisect_left(items, (end, -1))  # everything from i on starts at or after end
        out = []
        k = i - 1
        while k >= 0:  # spans are disjoint and sorted, so their ends are sorted too
            s, e = items[k]
            if e <= start:
                break
            out.append((s, e))
            k -= 1
        return out

    def overlaps(self, start: int, end: int) -> bool:
        return bool(self.overlapping(start, end))
