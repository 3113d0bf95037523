"""The site's own scripts and style sheets, minified for readers. Pure.

docs/assets/kb.js, kb-head.js and kb.css are written to be read by maintainers (comments, indentation); every
reader downloads them on a first visit. rjsmin and rcssmin remove comments and white space only, and never
rename or reorder code: 1.7 kB of the 4.4 kB the two scripts weighed gzipped (scripts/benchmark.py --weight).
Material's own assets arrive minified.
"""

from __future__ import annotations

from pathlib import PurePosixPath

import rcssmin
import rjsmin


def minifiable(src_uri: str) -> bool:
    """True for a script or style sheet that is not minified yet (``*.min.js`` and ``*.min.css`` are)."""
    path = PurePosixPath(src_uri)
    return path.suffix in (".js", ".css") and not path.stem.endswith(".min")


def minify(src_uri: str, text: str) -> str:
    """``text`` without comments and needless white space; licence comments (``/*!``) are kept."""
    if PurePosixPath(src_uri).suffix == ".js":
        return rjsmin.jsmin(text, keep_bang_comments=True)
    return rcssmin.cssmin(text, keep_bang_comments=True)
