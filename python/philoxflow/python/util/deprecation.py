"""`tensorflow.python.util.deprecation`: philoxflow prints no deprecation warnings; the
switch model code sets is kept."""

_PRINT_DEPRECATION_WARNINGS = False


def deprecated(date, instructions, warn_once=True):
    return lambda f: f


def deprecated_args(date, instructions, *deprecated_arg_names_or_tuples, **kwargs):
    return lambda f: f


def deprecated_argument_lookup(new_name, new_value, old_name, old_value):
    if old_value is not None:
        if new_value is not None:
            raise ValueError(f"Cannot specify both '{old_name}' and '{new_name}'")
        return old_value
    return new_value
