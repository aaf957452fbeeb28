"""Accept or reject every tracked change of a .docx in LibreOffice, and save what is left as text.

Run by the system `python3` (Debian's python3-uno, not the venv) from test_revisions.py:

    python3 lo_track_changes.py SOFFICE PROFILE_URL A.docx [B.docx …]

For each X.docx it writes X.accepted.txt and X.rejected.txt beside it. It starts one headless
LibreOffice listening on a private pipe, opens each file twice, runs the
same dispatch commands as Edit > Track Changes > Accept All / Reject All, and stores each
result with the "Text (encoded)" UTF-8 filter. LibreOffice is stopped before it returns.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def prop(name, value):
    p = PropertyValue()
    p.Name, p.Value = name, value
    return p


def connect(pipe):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(240):
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 - LibreOffice is still starting
            time.sleep(0.5)
    raise SystemExit("LibreOffice did not start")


def convert(ctx, source, target, command):
    smgr = ctx.ServiceManager
    desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
    dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", False),))
    try:
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, command, "", 0, ())
        doc.storeToURL(uno.systemPathToFileUrl(target),
                       (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
    finally:
        doc.close(True)


def main(soffice, profile, *sources):
    pipe = f"drafter_redline_{os.getpid()}"
    proc = subprocess.Popen([soffice, f"-env:UserInstallation={profile}", "--headless", "--norestore",
                             "--nologo", "--nodefault", f"--accept=pipe,name={pipe};urp;"])
    try:
        ctx = connect(pipe)
        for source in sources:
            stem = source[: -len(".docx")]
            convert(ctx, source, stem + ".accepted.txt", ".uno:AcceptAllTrackedChanges")
            convert(ctx, source, stem + ".rejected.txt", ".uno:RejectAllTrackedChanges")
        with contextlib.suppress(Exception):  # the bridge closes as LibreOffice quits
            ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx).terminate()
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    main(*sys.argv[1:])
