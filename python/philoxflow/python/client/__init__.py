"""`tensorflow.python.client`: `session`, `device_lib`."""

import sys as _sys

from philoxflow.client import session  # noqa: F401 - the aliased module

from . import device_lib  # noqa: F401

_sys.modules.setdefault(f"{__name__}.session", session)
