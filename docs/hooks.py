"""Build hooks for the documentation site.

Docstrings in armscontrol refer to other names with Sphinx roles
(:func:`status`, :class:`Record`), which read well in the source and in
``help()``. mkdocstrings renders the role's name as literal text in front of the
code span; this hook drops it, leaving the name as code.
"""

from __future__ import annotations

import re
from typing import Any

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|mod|data|exc|obj|const|type):(?=<code>)")


def on_page_content(html: str, **_: Any) -> str:
    """Remove Sphinx role prefixes before inline code in a rendered page."""
    return _ROLE.sub("", html)
