"""components/first_view.py: the article page's first view waits for the map, once, and never forever."""

from __future__ import annotations

import pytest

from components.first_view import FIRST_VIEW_KEY, FirstViewRules, rerun_requested, should_wait, wait_for_map


class Placeholder:
    """Streamlit stops a run when an element is sent while a new run is queued: caption() and empty() raise
    then, as Streamlit's script runner does when the map's value has arrived."""

    def __init__(self, queued=lambda: False):
        self.captions, self.emptied, self.queued = [], False, queued

    def caption(self, text):
        if self.queued():
            raise RuntimeError("rerun requested")
        self.captions.append(text)

    def empty(self):
        if self.queued():
            raise RuntimeError("rerun requested")
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
    rules = FirstViewRules(max_wait_s=1.0, poll_s=0.01)
    waited = wait_for_map(ph, rules=rules, clock=clock, sleep=clock.sleep, pending=lambda: False)
    assert waited == pytest.approx(1.0, abs=0.011)
    # the note is sent once: nothing else reaches the browser while the map's iframe loads
    assert ph.captions == ["Loading the filters…"] and ph.emptied


def test_the_maps_message_ends_the_wait_at_the_next_check():
    clock = Clock()
    queued = lambda: clock.t - 100.0 >= 0.2  # noqa: E731 - the map's value arrives 0.2 s into the wait
    ph = Placeholder(queued)
    with pytest.raises(RuntimeError):  # Streamlit stops the run at the element sent once a run is queued
        wait_for_map(ph, rules=FirstViewRules(max_wait_s=5.0, poll_s=0.01), clock=clock, sleep=clock.sleep,
                     pending=queued)
    assert clock.t - 100.0 == pytest.approx(0.2, abs=0.011)
    assert ph.captions == ["Loading the filters…"]


def test_without_the_flag_the_note_is_the_stopping_point():
    """A Streamlit whose run queue cannot be read (pending() is None): the note is sent every note_s, and
    the map's message stops the run at one of them, as before."""
    clock = Clock()
    queued = lambda: clock.t - 100.0 >= 0.2  # noqa: E731
    ph = Placeholder(queued)
    with pytest.raises(RuntimeError):
        wait_for_map(ph, rules=FirstViewRules(max_wait_s=5.0, poll_s=0.01, note_s=0.05), clock=clock,
                     sleep=clock.sleep, pending=lambda: None)
    assert 0.2 <= clock.t - 100.0 <= 0.25 + 0.011
    assert 3 <= len(ph.captions) <= 5
    clock, ph = Clock(), Placeholder()
    wait_for_map(ph, rules=FirstViewRules(max_wait_s=1.0, poll_s=0.01, note_s=0.25), clock=clock,
                 sleep=clock.sleep, pending=lambda: None)
    assert 4 <= len(ph.captions) <= 5 and ph.emptied


def test_rerun_requested_reads_the_installed_streamlit():
    """Outside a script run there is nothing to tell; inside one (AppTest), the installed Streamlit's run
    queue is readable and empty -- if a Streamlit upgrade moves it, this fails (the page would fall back
    to re-sending its note, which works but slows the first view)."""
    from streamlit.testing.v1 import AppTest

    assert rerun_requested() is None
    at = AppTest.from_string(
        "import streamlit as st\nfrom components.first_view import rerun_requested\nst.write(repr(rerun_requested()))\n"
    ).run()
    assert not at.exception, at.exception
    assert at.markdown[0].value == "False"
