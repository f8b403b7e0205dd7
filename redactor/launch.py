"""The `redactor` command's entry point: Ctrl-C while the libraries load is an interruption too.

Loading PyMuPDF, pikepdf and the rest takes a moment; Ctrl-C then ended in Python's own traceback
(leak review). Here the interruption is taken before anything is loaded: one line and exit 130,
as `redactor.cli` does once it runs (nothing has been read or written by then).
"""

from __future__ import annotations

import signal
import sys

INTERRUPTED = 130  # redactor.errors.ExitCode.INTERRUPTED, not imported: it would load the libraries


def main() -> None:
    previous = signal.getsignal(signal.SIGINT)
    try:
        from redactor import cli
    except KeyboardInterrupt:
        sys.stderr.write("interrupted; nothing was written\n")
        raise SystemExit(INTERRUPTED) from None
    finally:
        signal.signal(signal.SIGINT, previous)
    cli.main()
