"""Allows ``python -m smguide``."""

from smguide.cli import main

raise SystemExit(main())
