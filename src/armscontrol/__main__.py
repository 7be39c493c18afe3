"""``python -m armscontrol``: the same as the ``armscontrol`` command."""

import sys

from armscontrol.cli import main

if __name__ == "__main__":
    sys.exit(main())
