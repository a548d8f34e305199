"""TensorFlow's error classes (`tf.errors`), raised with TF's messages."""


class OperatorNotAllowedInGraphError(TypeError):
    """A Python operation on a graph tensor that only eager tensors support (TF's)."""


class OpError(Exception):
    """An error raised while running a graph: `(node_def, op, message)`, as in TF."""

    def __init__(self, node_def, op, message, *args):
        super().__init__(message)
        self._node_def = node_def
        self._op = op
        self._message = message

    @property
    def message(self):
        return self._message

    @property
    def op(self):
        return self._op

    @property
    def node_def(self):
        return self._node_def

    def __str__(self):
        return self._message


class CancelledError(OpError):
    pass


class UnknownError(OpError):
    pass


class InvalidArgumentError(OpError):
    pass


class NotFoundError(OpError):
    pass


class AlreadyExistsError(OpError):
    pass


class ResourceExhaustedError(OpError):
    pass


class FailedPreconditionError(OpError):
    pass


class OutOfRangeError(OpError):
    pass


class UnimplementedError(OpError):
    pass


class InternalError(OpError):
    pass


# --- the rest of tf.errors (issue 16): TF's other classes and its status codes.

class DeadlineExceededError(OpError):
    pass


class PermissionDeniedError(OpError):
    pass


class UnauthenticatedError(OpError):
    pass


class AbortedError(OpError):
    pass


class UnavailableError(OpError):
    pass


class DataLossError(OpError):
    pass


OK, CANCELLED, UNKNOWN, INVALID_ARGUMENT, DEADLINE_EXCEEDED, NOT_FOUND = 0, 1, 2, 3, 4, 5
ALREADY_EXISTS, PERMISSION_DENIED, RESOURCE_EXHAUSTED, FAILED_PRECONDITION = 6, 7, 8, 9
ABORTED, OUT_OF_RANGE, UNIMPLEMENTED, INTERNAL, UNAVAILABLE, DATA_LOSS = 10, 11, 12, 13, 14, 15
UNAUTHENTICATED = 16

_CODE_TO_EXCEPTION = {
    CANCELLED: CancelledError, UNKNOWN: UnknownError, INVALID_ARGUMENT: InvalidArgumentError,
    DEADLINE_EXCEEDED: DeadlineExceededError, NOT_FOUND: NotFoundError,
    ALREADY_EXISTS: AlreadyExistsError, PERMISSION_DENIED: PermissionDeniedError,
    UNAUTHENTICATED: UnauthenticatedError, RESOURCE_EXHAUSTED: ResourceExhaustedError,
    FAILED_PRECONDITION: FailedPreconditionError, ABORTED: AbortedError,
    OUT_OF_RANGE: OutOfRangeError, UNIMPLEMENTED: UnimplementedError, INTERNAL: InternalError,
    UNAVAILABLE: UnavailableError, DATA_LOSS: DataLossError}
_EXCEPTION_TO_CODE = {cls: code for code, cls in _CODE_TO_EXCEPTION.items()}
for _code, _cls in _CODE_TO_EXCEPTION.items():
    _cls.error_code = _code
del _code, _cls


def exception_type_from_error_code(error_code):
    return _CODE_TO_EXCEPTION[error_code]


def error_code_from_exception_type(cls):
    return _EXCEPTION_TO_CODE.get(cls, UNKNOWN)


class raise_exception_on_not_ok_status:  # noqa: N801 - TF's name
    """TF's context manager for C status objects; philoxflow raises directly."""

    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False
