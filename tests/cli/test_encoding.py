"""Output in an encoding that lacks the text's characters (issue 12, class 9): stdout is
switched to UTF-8, so nothing is lost; stderr escapes what it cannot show."""

from __future__ import annotations

import os
import subprocess
import sys


def run(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    return subprocess.run([sys.executable, "-m", "drafter", *args], capture_output=True, env=env, check=False)


def test_library_show_to_a_cp1252_stdout_writes_utf8(tmp_path):
    done = run("library", "show", "cn-igf.connect.p1", encoding="cp1252")
    assert done.returncode == 0, done.stderr
    assert "一、关于数字连接".encode() in done.stdout and b"UnicodeEncodeError" not in done.stderr


def test_messages_to_a_cp1252_stderr_are_escaped_not_fatal(tmp_path):
    done = run("library", "show", "中文.id", encoding="cp1252")
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert b"\\u4e2d\\u6587.id" in done.stderr or "中文".encode() in done.stderr
