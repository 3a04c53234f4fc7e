"""The bundle's program: the ``smguide`` command, as the installed console script runs it."""

import sys

from smguide.cli import main

if __name__ == "__main__":
    sys.exit(main())
