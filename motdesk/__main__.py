"""`python -m motdesk`: the command line (sub-commands) or the editor."""

import sys

from motdesk.cli import main

sys.exit(main())
