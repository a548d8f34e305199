"""`tensorflow.python.client`: `session`."""

import sys as _sys

from philoxflow.client import session  # noqa: F401 - the aliased module

_sys.modules.setdefault(f"{__name__}.session", session)
