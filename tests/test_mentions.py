"""incidentmap.mentions helpers that are rewritten for speed: the same answers as the plain version."""

from incidentmap.mentions import _token_after


def _token_after_by_hand(text: str, pos: int):
    """The character loop _token_after replaced (kept here as the reference)."""
    n, k = len(text), pos
    while k < n and k - pos <= 3 and not text[k].isalnum():
        k += 1
    start = k
    while k < n and (text[k].isalnum() or (text[k] in "'’" and k + 1 < n and text[k + 1].isalnum())):
        k += 1
    return (start, k, text[start:k]) if k > start else None


def test_token_after_matches_the_character_loop_everywhere():
    texts = ["Kazakhstan's president", "in  Almaty,  (Reuters) - ", "a'b 'x x' ___ab !!!!!ab !!!!'ab ab''c ab'’c",
             "İstanbul’s x²y ٣٤ Ⅻ a\u0301b naïve São_Paulo", "", "  ", "end."]
    for text in texts:
        for pos in range(len(text) + 1):
            assert _token_after(text, pos) == _token_after_by_hand(text, pos), (text, pos)
