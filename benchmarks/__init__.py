"""Benchmarks: each `bench_*.py` module prints its figures beside a floor measured in the same run.

Importing this package points the user folders (settings, recovery copies) at a
temporary place, so windows a benchmark opens and drops leave nothing behind
for the next real session to offer as "unsaved changes".
"""

import os
import tempfile

_home = tempfile.mkdtemp(prefix="motdesk-bench-home-")
for _name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
    os.environ[_name] = os.path.join(_home, _name.lower())
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
