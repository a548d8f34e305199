"""Type stubs for `philoxflow.bitgen` (TensorFlow's Philox stream as a NumPy BitGenerator)."""

from typing import (
    Any,
    Dict,
    Literal,
    Mapping,
    NoReturn,
    Optional,
    Sequence,
    SupportsIndex,
    Tuple,
    Union,
    overload,
)

import numpy as np
import numpy.typing as npt
from numpy.random import BitGenerator
from numpy.random.bit_generator import _Interface

__all__ = ["TFPhilox"]

_Size = Union[SupportsIndex, Sequence[SupportsIndex]]

class TFPhilox(BitGenerator):
    def __init__(self, seed: int, seed2: int = 0) -> None: ...
    @classmethod
    def from_op(cls, tensor: Any, run: int = 0) -> TFPhilox: ...
    @property
    def capsule(self) -> Any: ...
    @property
    def state(self) -> Dict[str, Any]: ...
    @state.setter
    def state(self, value: Mapping[str, Any], /) -> None: ...
    def advance(self, delta: int) -> TFPhilox: ...
    def jumped(self, jumps: int = 1) -> TFPhilox: ...
    @overload
    def random_raw(self, /, size: None = None, output: Literal[True] = True) -> int: ...
    @overload
    def random_raw(
        self, /, size: _Size, output: Literal[True] = True
    ) -> npt.NDArray[np.uint64]: ...
    @overload
    def random_raw(self, /, size: Optional[_Size], output: Literal[False]) -> None: ...
    @overload
    def random_raw(self, /, size: Optional[_Size] = None, *, output: Literal[False]) -> None: ...
    def spawn(self, n_children: int) -> NoReturn: ...
    @property
    def ctypes(self) -> _Interface: ...
    @property
    def cffi(self) -> _Interface: ...
    def __reduce__(self) -> Tuple[Any, ...]: ...
    def __setstate__(self, state: Mapping[str, Any]) -> None: ...
