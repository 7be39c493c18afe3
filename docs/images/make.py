"""Draw the timeline images the documentation shows, from the bundled datasets.

Run from the repository's root after changing a dataset or the drawing code::

    python docs/images/make.py

tests/test_docs.py checks that the images kept here are the ones this draws.
"""

from __future__ import annotations

import sys
from pathlib import Path

from armscontrol import datasets, timeline

IMAGES = {
    "leap-day-2012.svg": ("korea", "leap-day-2012"),
    "prk-missile-moratorium.svg": ("korea", "prk-missile-moratorium"),
    "inf.svg": ("inf", "inf"),
}
"""Each image's file name, and the dataset and subject it draws."""


def main(folder: Path | None = None) -> list[Path]:
    """Draw every image into ``folder`` (by default, beside this script); return the files."""
    target = Path(__file__).parent if folder is None else folder
    written = []
    for name, (dataset, subject) in IMAGES.items():
        path = target / name
        timeline.render(datasets.load(dataset), subject, path)
        written.append(path)
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
