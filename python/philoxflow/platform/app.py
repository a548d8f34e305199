"""`tf.app`: `run` parses the flags from argv, calls `main(argv)` and exits with its
result, as TF 1.15's (absl's `app.run`); `tf.app.flags` is `tf.flags`."""

from __future__ import annotations

import sys as _sys

from . import flags  # noqa: F401 - tf.app.flags


def run(main=None, argv=None):
    """Run `main` (default: `__main__.main`) with the arguments left after the flags."""
    from absl import app as _absl_app
    from absl import flags as _absl_flags

    def parse_tolerating_unknown(args):
        # TF's run leaves flags it does not know in argv (absl alone would exit).
        return _absl_flags.FLAGS(_sys.argv if args is None else args, known_only=True)

    main = main or _sys.modules["__main__"].main
    _absl_app.run(main=main, argv=argv, flags_parser=parse_tolerating_unknown)
