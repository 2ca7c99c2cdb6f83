"""`python -m pychrony`: the command-line tool (see pychrony.cli)."""

import sys

from .cli import main

sys.exit(main())
