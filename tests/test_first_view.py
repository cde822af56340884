"""components/first_view.py: the article page's first view waits for the map, once, and never forever."""

from __future__ import annotations

import pytest

from components.first_view import FIRST_VIEW_KEY, FirstViewRules, should_wait, wait_for_map


class Placeholder:
    def __init__(self, stop_after: int | None = None):
        self.captions, self.emptied, self.stop_after = [], False, stop_after

    def caption(self, text):
        self.captions.append(text)
        if self.stop_after is not None and len(self.captions) > self.stop_after:
            raise RuntimeError("rerun requested")  # what Streamlit does when the map's value arrives

    def empty(self):
        self.emptied = True


class Clock:
    def __init__(self):
        self.t = 100.0

    def __call__(self):
        return self.t

    def sleep(self, s):
        self.t += s


def test_waits_once_per_session_and_only_for_a_browser():
    state = {}
    assert should_wait(state, {"Host": "127.0.0.1:8501"}) is True
    assert state[FIRST_VIEW_KEY] is True
    assert should_wait(state, {"Host": "127.0.0.1:8501"}) is False  # later runs: never
    assert should_wait({}, {}) is False  # AppTest / bare mode: no browser to draw anything
    state = {}
    should_wait(state, {})
    assert should_wait(state, {"Host": "x"}) is False


def test_the_wait_ends_at_the_cap_and_clears_its_note():
    clock, ph = Clock(), Placeholder()
    rules = FirstViewRules(max_wait_s=1.0, poll_s=0.25)
    waited = wait_for_map(ph, rules=rules, clock=clock, sleep=clock.sleep)
    assert waited == pytest.approx(1.0)
    assert len(ph.captions) == 4 and ph.emptied  # one note per poll: where Streamlit can stop the run


def test_the_maps_message_ends_the_wait_early():
    clock, ph = Clock(), Placeholder(stop_after=2)
    with pytest.raises(RuntimeError):
        wait_for_map(ph, rules=FirstViewRules(max_wait_s=5.0, poll_s=0.1), clock=clock, sleep=clock.sleep)
    assert clock.t - 100.0 == pytest.approx(0.2)
