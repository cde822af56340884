"""bench/dashboard_speed.py's report: the seed page against the reference, pair by pair (no browser here)."""

from __future__ import annotations

from bench.dashboard_speed import report_pairs


def _load(painted: float, seconds: float) -> dict:
    return {"painted": painted, "seconds": seconds, "iframe_start": painted - 0.3, "first_message": 1.0,
            "message_to_iframe": 0.05, "iframe_to_ready": 0.3, "iframe_requests": 4, "iframe_bytes": 1000,
            "longtasks_ms": 200}


def test_the_ratio_is_taken_pair_by_pair(capsys):
    # a slow pair (both pages 2x slower: the machine was busy) does not make a fast page look slow
    pairs = [(_load(1.0, 1.2), _load(1.1, 1.3)), (_load(2.0, 2.2), _load(2.2, 2.4)), (_load(1.0, 1.2), _load(1.3, 1.5))]
    report_pairs(pairs)
    out = capsys.readouterr().out
    painted = out.split("-- goto()")[0]
    assert "median of per-pair ratios 1.10x" in painted
    assert "2/3 pairs <= 1.15x" in painted
    assert "min 1.10" in painted and "max 1.30" in painted

