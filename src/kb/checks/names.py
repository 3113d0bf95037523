"""'Did you mean' for a name that is not known: shared by every cross-file check. Pure."""

from __future__ import annotations

import difflib


def suggest(unknown: str, known: set[str] | list[str]) -> str:
    """' (did you mean 'x'?)' for the closest known name, or nothing when none is close."""
    names = sorted(known)
    close = difflib.get_close_matches(unknown, names, n=1, cutoff=0.6)
    if not close:  # 'attention-mechanism' for 'attention': one name inside the other
        close = [n for n in names if len(n) >= 3 and (n in unknown or unknown in n)][:1]
    return f" (did you mean '{close[0]}'?)" if close else ""
