"""Draw the timeline images the documentation shows, from the bundled datasets.

Run from the repository's root after changing a dataset or the drawing code::

    python docs/images/make.py

tests/test_docs.py checks that the images kept here are the ones this draws, and
that each dataset's page shows the dossier of every agreement in it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from armscontrol import datasets, timeline

HISTORIES = {
    "leap-day-2012.svg": ("korea", "leap-day-2012"),
    "prk-missile-moratorium.svg": ("korea", "prk-missile-moratorium"),
    "inf.svg": ("inf", "inf"),
}
"""Each history image's file name, and the dataset and subject it draws."""

DOSSIERS = {
    f"dossier-{agreement.id}.svg": (name, agreement.id)
    for name in datasets.names()
    for agreement in datasets.load(name).agreements
}
"""One dossier per agreement of every bundled dataset, with the dataset it is in."""

IMAGES = [*HISTORIES, *DOSSIERS]
"""Every image this script draws."""


def main(folder: Path | None = None) -> list[Path]:
    """Draw every image into ``folder`` (by default, beside this script); return the files."""
    target = Path(__file__).parent if folder is None else folder
    written = []
    for name, (dataset, subject) in HISTORIES.items():
        timeline.render(datasets.load(dataset), subject, target / name)
        written.append(target / name)
    for name, (dataset, agreement) in DOSSIERS.items():
        timeline.render(datasets.load(dataset), agreement, target / name, dossier=True)
        written.append(target / name)
    return written


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
