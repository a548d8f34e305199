"""The `tf.initializers` namespace (TF 1.x names)."""

from .ops.control_flow_ops import tables_initializer
from .ops.init_ops import Constant as constant
from .ops.init_ops import GlorotNormal as glorot_normal
from .ops.init_ops import GlorotUniform as glorot_uniform
from .ops.init_ops import Ones as ones
from .ops.init_ops import RandomNormal as random_normal
from .ops.init_ops import RandomUniform as random_uniform
from .ops.init_ops import TruncatedNormal as truncated_normal
from .ops.init_ops import UniformUnitScaling as uniform_unit_scaling
from .ops.init_ops import VarianceScaling as variance_scaling
from .ops.init_ops import Zeros as zeros
from .ops.init_ops import he_normal, he_uniform, lecun_normal, lecun_uniform
from .ops.init_ops_orthogonal import Identity as identity
from .ops.init_ops_orthogonal import Orthogonal as orthogonal
from .ops.variables import global_variables_initializer as global_variables
from .ops.variables import local_variables_initializer as local_variables
from .ops.variables import variables_initializer as variables

_is_namespace = True
__all__ = ["constant", "glorot_normal", "glorot_uniform", "ones", "random_normal",
           "random_uniform", "truncated_normal", "uniform_unit_scaling", "variance_scaling",
           "zeros", "he_normal", "he_uniform", "lecun_normal", "lecun_uniform",
           "global_variables", "local_variables", "variables", "identity",
           "tables_initializer"]

# --- a TF 1.15 name philoxflow lacks says so (issue 16)
from ._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("initializers", __name__)
__all__ += ["orthogonal"]  # issue 16: TF 1.15's init_ops.Orthogonal
