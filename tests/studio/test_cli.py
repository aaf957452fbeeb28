"""`drafter studio`: the first line is the address, only 127.0.0.1; light without the extra."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import urllib.request

from drafter.cli import main
from tests.conftest import ROOT


def test_help_does_not_import_the_studio_packages():
    code = ("import sys\nfrom drafter.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "try:\n    main(['studio', '--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('starlette', 'uvicorn', 'ruamel', 'anyio')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert "drafter studio" not in out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_without_the_extra_it_says_how_to_install_it(runner, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "starlette", None)  # as if not installed
    result = runner.invoke(main, ["studio", str(tmp_path / "s.yaml"), "--no-browser"])
    assert result.exit_code == 2
    assert "the studio needs starlette, which is not installed" in result.output
    assert "pip install 'drafter[studio]'" in result.output


def test_a_taken_port_is_a_clear_error(runner, tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        result = runner.invoke(main, ["studio", str(tmp_path / "s.yaml"), "--no-browser", "--port", str(port)])
    assert result.exit_code == 2
    assert f"--port: cannot listen on 127.0.0.1:{port}" in result.output


def test_first_line_is_the_url_with_the_token(spec_file):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "drafter", "studio", str(spec_file), "--no-browser"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=spec_file.parent)
    try:
        first = proc.stdout.readline().strip()
        m = re.fullmatch(r"http://127\.0\.0\.1:(\d+)/\?token=([A-Za-z0-9_-]{40,})", first)
        assert m, first
        port, token = int(m.group(1)), m.group(2)
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/spec", headers={"X-Drafter-Token": token})
        with urllib.request.urlopen(request, timeout=20) as response:
            assert json.load(response)["file"] == "spec.yaml"
        if os.path.isdir("/proc/net"):  # Linux: check what the process really listens on
            listening = [c for c in _listeners(proc.pid) if c[1] == port]
            assert listening and all(addr == "127.0.0.1" for addr, _ in listening)
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.stdout.close()
            proc.stderr.close()


def _listeners(pid: int) -> list[tuple[str, int]]:
    """(address, port) of the TCP sockets in LISTEN state that process `pid` holds (Linux /proc)."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        target = os.readlink(f"/proc/{pid}/fd/{fd}")
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    out = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        with open(table) as fh:
            for line in fh.readlines()[1:]:
                fields = line.split()
                local, state, inode = fields[1], fields[3], fields[9]
                if state == "0A" and inode in inodes:
                    hex_addr, hex_port = local.split(":")
                    addr = socket.inet_ntoa(bytes.fromhex(hex_addr)[::-1]) if len(hex_addr) == 8 else hex_addr
                    out.append((addr, int(hex_port, 16)))
    return out
