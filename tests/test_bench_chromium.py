"""Which Chromium the browser tests and the dashboard bench drive (bench.streamlit_server.find_chromium),
without a browser: the configured one, else Playwright's own (installed within a time limit), else a
clear message. The network and the real installer are never touched."""

from __future__ import annotations

import subprocess

import pytest

from bench import streamlit_server as ss


@pytest.fixture
def no_browser(monkeypatch, tmp_path):
    """No configured Chromium, no Playwright browser; installer calls recorded."""
    calls = []
    state = {"installed": None}
    monkeypatch.setattr(ss, "CHROMIUM", str(tmp_path / "no-such-chromium"))
    monkeypatch.setattr(ss, "_playwright_chromium", lambda: state["installed"])
    ss.find_chromium.cache_clear()
    yield calls, state
    ss.find_chromium.cache_clear()


def test_configured_chromium_wins(monkeypatch, tmp_path, no_browser):
    exe = tmp_path / "chromium"
    exe.write_text("")
    monkeypatch.setattr(ss, "CHROMIUM", str(exe))
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("must not install"))
    assert ss.find_chromium().path == str(exe)


def test_playwright_chromium_is_installed_when_none_is_found(monkeypatch, no_browser):
    calls, state = no_browser

    def fake_run(cmd, **kwargs):
        calls.append((cmd, kwargs))
        state["installed"] = "/pw/chrome"
        return subprocess.CompletedProcess(cmd, 0, "", "")

    monkeypatch.setattr(subprocess, "run", fake_run)
    found = ss.find_chromium()
    assert found.path == "/pw/chrome"
    (cmd, kwargs), = calls
    assert cmd[1:] == ["-m", "playwright", "install", "chromium"]
    assert kwargs["timeout"] == ss.PLAYWRIGHT_INSTALL_TIMEOUT_S <= 300  # bounded: an offline machine never hangs


def test_offline_install_gives_up_with_the_clear_message(monkeypatch, no_browser):
    calls, _ = no_browser

    def hang(cmd, **kwargs):
        calls.append(cmd)
        raise subprocess.TimeoutExpired(cmd, kwargs["timeout"])

    monkeypatch.setattr(subprocess, "run", hang)
    found = ss.find_chromium()
    assert found.path is None and len(calls) == 1
    msg = found.message()
    for part in ("no-such-chromium", "gave up after", "apt-get install chromium", "INCIDENTMAP_SKIP_BROWSER=1"):
        assert part in msg, (part, msg)
    assert ss.find_chromium() is found and len(calls) == 1  # once per process, not once per test module


def test_failed_install_reports_its_error(monkeypatch, no_browser):
    monkeypatch.setattr(subprocess, "run", lambda cmd, **k: subprocess.CompletedProcess(
        cmd, 1, "", "Downloading…\nError: getaddrinfo ENOTFOUND cdn.playwright.dev"))
    found = ss.find_chromium()
    assert found.path is None and "ENOTFOUND" in found.message() and "exit status 1" in found.message()
