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
from pathlib import Path

from components.map_view import TILE_HOSTS
from incidentmap import settings

CHROMIUM = settings.current().chromium
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # Tiles are blocked at DNS level: the "tiles offline" path is the same with or without internet,
    # and no request interception slows the other requests down or skews timings.
    # Every tile host the base-map choice names (components/map_view.TILE_HOSTS).
    "--host-resolver-rules=" + ", ".join(f"MAP {h} ~NOTFOUND, MAP *.{h} ~NOTFOUND" for h in TILE_HOSTS),
]


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
