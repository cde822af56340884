"""Sentences and paragraphs as offsets into the original text (the text itself is never changed)."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen col lt sgt capt maj prof sen rep gov st jan feb mar apr jun jul aug sep sept oct nov dec "
    "no vs etc inc ltd co corp u.s u.k u.n e.g i.e approx est mt ft".split()
)
# A sentence ends at . ! ? (plus closing quotes/brackets) followed by space, or directly by a capital letter
# or an odd character: copy-pasted news often loses the space ("vehicles.Ī curfew").
_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s|[^\W\d_a-z]|$)", re.UNICODE)
_PARAGRAPH = re.compile(r"\n\s*\n|\r\n\s*\r\n")


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    paragraph: int = 0


def paragraphs(text: str) -> list[Span]:
    spans, pos = [], 0
    for m in _PARAGRAPH.finditer(text):
        if text[pos:m.start()].strip():
            spans.append(Span(pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append(Span(pos, len(text)))
    return spans


def sentences(text: str) -> list[Span]:
    """Sentence spans, trimmed of surrounding white space, tagged with their paragraph number."""
    out: list[Span] = []
    for p_no, para in enumerate(paragraphs(text)):
        start = para.start
        for m in _END.finditer(text, para.start, para.end):
            word = text[max(para.start, m.start() - 12):m.start()].rsplit(None, 1)[-1:] or [""]
            token = word[0].lower().lstrip("(\"'“‘")
            if token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                continue  # "Gen. Smith", "U.S. troops", "J. Doe"
            _add(text, out, start, m.end(), p_no)
            start = m.end()
        _add(text, out, start, para.end, p_no)
    return out


def _add(text: str, out: list[Span], start: int, end: int, p_no: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Span(start, end, p_no))


def sentence_index(sents: list[Span]):
    """A function from a text offset to the number of the sentence that holds it."""
    starts = [s.start for s in sents]

    def sent_of(pos: int) -> int:
        i = bisect.bisect_right(starts, pos) - 1
        return i if i > 0 else 0

    return sent_of
