"""Type stubs for `philoxflow.dask` (needs the `dask` extra)."""

from typing import Any, Optional, Union

import dask.array as da

from philoxflow import Session, Tensor, Variable

SUPPORTED_OPS: tuple[str, ...]

def to_dask(
    tensor: Union[Tensor, Variable],
    chunks: Any = "auto",
    run: int = 0,
    session: Optional[Session] = None,
    name: Optional[str] = None,
) -> da.Array: ...
