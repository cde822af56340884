"""A Streamlit app on a free localhost port, and the Chromium settings: shared by the browser tests and bench."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from components.map_view import TILE_HOSTS
from incidentmap import settings

CHROMIUM = settings.current().chromium  # the configured browser (Debian's by default); see find_chromium()
# `python -m playwright install chromium` downloads ~150 MB: enough time for that on an ordinary line,
# short enough that a machine without internet gives up and says so instead of hanging `make test`.
PLAYWRIGHT_INSTALL_TIMEOUT_S = 180
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Tiles are blocked at DNS level: the "tiles offline" path is the same with or without internet,
    # and no request interception slows the other requests down or skews timings.
    # Every tile host the base-map choice names (components/map_view.TILE_HOSTS).
    "--host-resolver-rules=" + ", ".join(f"MAP {h} ~NOTFOUND, MAP *.{h} ~NOTFOUND" for h in TILE_HOSTS),
]


@dataclass(frozen=True)
class ChromiumSearch:
    """The browser the tests and the bench drive (``path``; None: none usable) and what was tried."""

    path: str | None
    tried: tuple[str, ...]

    def message(self) -> str:
        return ("No Chromium for the browser tests. Tried: " + "; ".join(self.tried) + ". Install one "
                "(`apt-get install chromium`, as CI does in .ci/run, or `python -m playwright install chromium` "
                f"where the internet is reachable), point {settings.CHROMIUM} at one, or set "
                f"{settings.SKIP_BROWSER}=1 to skip the browser tests deliberately.")


def _playwright_chromium() -> str | None:
    """Playwright's own Chromium, if it is installed (its path is known without launching it)."""
    try:
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            path = p.chromium.executable_path
    except Exception:  # noqa: BLE001 - no playwright driver: no browser of its own either
        return None
    return path if path and Path(path).exists() else None


@lru_cache(maxsize=1)
def find_chromium(*, install: bool = True, timeout: float = PLAYWRIGHT_INSTALL_TIMEOUT_S) -> ChromiumSearch:
    """The configured Chromium ($INCIDENTMAP_CHROMIUM, default Debian's /usr/bin/chromium) when present;
    else Playwright's own, installing it (``install``) with a time limit; else None with what was tried.
    Once per process: a failed install is not retried by every test module."""
    tried = []
    if Path(CHROMIUM).exists():
        return ChromiumSearch(CHROMIUM, (CHROMIUM,))
    tried.append(f"{CHROMIUM} (not found)")
    own = _playwright_chromium()
    if own:
        return ChromiumSearch(own, (*tried, own))
    tried.append("Playwright's own Chromium (not installed)")
    if not install:
        return ChromiumSearch(None, tuple(tried))
    cmd = [sys.executable, "-m", "playwright", "install", "chromium"]
    print(f"{CHROMIUM} not found: running `{' '.join(cmd[1:])}` (at most {timeout:.0f} s)…", file=sys.stderr)
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        outcome = f"exit status {done.returncode}" + (f": {done.stderr.strip().splitlines()[-1]}" if
                                                     done.returncode and done.stderr.strip() else "")
    except subprocess.TimeoutExpired:
        outcome = f"gave up after {timeout:.0f} s (offline?)"
    except OSError as exc:
        outcome = f"could not run: {exc}"
    own = _playwright_chromium()
    tried.append(f"`python -m playwright install chromium` ({outcome})")
    return ChromiumSearch(own, tuple(tried))


# URL -> process id of the servers started here (tests read their memory from /proc).
SERVER_PIDS: dict[str, int] = {}


def rss_mb(pid: int) -> float:
    """Resident memory of a process, from /proc (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(script: Path, env_extra: dict | None = None, *, timeout: float = 90):
    """`streamlit run SCRIPT` on a free port (settings from .streamlit/config.toml); yields its URL."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k != settings.ANALYSIS_FIXTURE}
    env.update(env_extra or {})
    log = tempfile.NamedTemporaryFile("w+", suffix=".log", delete=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script.name, "--server.port", str(port),
         "--server.address", "127.0.0.1"],
        cwd=script.parent, stdout=log, stderr=subprocess.STDOUT, env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{Path(log.name).read_text()[-3000:]}")
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit not healthy after {timeout}s:\n"
                                       f"{Path(log.name).read_text()[-3000:]}") from None
                time.sleep(0.2)
        SERVER_PIDS[url] = proc.pid
        yield url
    finally:
        SERVER_PIDS.pop(url, None)
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        log.close()
        os.unlink(log.name)
