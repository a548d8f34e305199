"""`tensorflow.python.platform.tf_logging`: TF's logging names over Python's logging."""

import logging as _logging

DEBUG, INFO, WARN, ERROR, FATAL = (_logging.DEBUG, _logging.INFO, _logging.WARN,
                                   _logging.ERROR, _logging.FATAL)
_logger = _logging.getLogger("tensorflow")


def get_logger():
    return _logger


def set_verbosity(v):
    _logger.setLevel(v)


def get_verbosity():
    return _logger.getEffectiveLevel()


debug, info, warning, error, fatal = (_logger.debug, _logger.info, _logger.warning,
                                      _logger.error, _logger.critical)
warn = warning


def vlog(level, msg, *args, **kwargs):
    """TF's verbose log: at DEBUG level."""
    _logger.log(DEBUG, msg, *args, **kwargs)
