"""TF 1.15's session and run configuration messages (`config_pb2`): `ConfigProto`,
`GPUOptions`, `GraphOptions`, `OptimizerOptions`, `RunOptions`, `RunMetadata`.

Model code builds these to configure sessions (`config.gpu_options.allow_growth =
True`); philoxflow reads only `intra_op_parallelism_threads` (the intra-op pool, whose
size changes how some kernels shard). The classes behave as protobuf messages do for
that code: keyword construction, nested messages created on first read, and a
ValueError / AttributeError naming the message for a field it does not have.
"""

from __future__ import annotations

import copy as _copy


class _Message:
    #: field -> default; a _Message subclass as default means a nested message.
    _FIELDS: dict = {}

    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            if k not in self._FIELDS:
                raise ValueError(f'Protocol message {type(self).__name__} has no "{k}" field.')
            setattr(self, k, v)

    def __getattr__(self, name):
        fields = type(self)._FIELDS
        if name not in fields:
            raise AttributeError(name)
        default = fields[name]
        value = default() if isinstance(default, type) else _copy.copy(default)
        object.__setattr__(self, name, value)
        return value

    def __setattr__(self, name, value):
        if name not in type(self)._FIELDS:
            raise AttributeError(
                f'Assignment not allowed (no field "{name}" in protocol message object).')
        object.__setattr__(self, name, value)

    def HasField(self, name):  # noqa: N802 - protobuf's name
        return name in self.__dict__

    def CopyFrom(self, other):  # noqa: N802
        self.__dict__.clear()
        self.__dict__.update(_copy.deepcopy(other.__dict__))

    def MergeFrom(self, other):  # noqa: N802
        self.__dict__.update(_copy.deepcopy(other.__dict__))

    def SerializeToString(self):  # noqa: N802
        return repr(sorted(self.__dict__.items())).encode()

    def __eq__(self, other):
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __repr__(self):
        body = "\n".join(f"{k}: {v!r}" for k, v in sorted(self.__dict__.items()))
        return body


class OptimizerOptions(_Message):
    L1, L0 = 0, -1
    DEFAULT, OFF, ON_1, ON_2 = 0, -1, 1, 2
    _FIELDS = {"do_common_subexpression_elimination": False, "do_constant_folding": False,
               "max_folded_constant_in_bytes": 0, "do_function_inlining": False,
               "opt_level": 0, "global_jit_level": 0}


class GPUOptions(_Message):
    _FIELDS = {"per_process_gpu_memory_fraction": 0.0, "allow_growth": False,
               "allocator_type": "", "deferred_deletion_bytes": 0, "visible_device_list": "",
               "polling_active_delay_usecs": 0, "polling_inactive_delay_msecs": 0,
               "force_gpu_compatible": False, "experimental": dict}


class GraphOptions(_Message):
    _FIELDS = {"enable_recv_scheduling": False, "optimizer_options": OptimizerOptions,
               "build_cost_model": 0, "build_cost_model_after": 0, "infer_shapes": False,
               "place_pruned_graph": False, "enable_bfloat16_sendrecv": False,
               "timeline_step": 0, "rewrite_options": dict}


class ConfigProto(_Message):
    _FIELDS = {"device_count": dict, "intra_op_parallelism_threads": 0,
               "inter_op_parallelism_threads": 0, "use_per_session_threads": False,
               "session_inter_op_thread_pool": list, "placement_period": 0,
               "device_filters": list, "gpu_options": GPUOptions,
               "allow_soft_placement": False, "log_device_placement": False,
               "graph_options": GraphOptions, "operation_timeout_in_ms": 0,
               "rpc_options": dict, "cluster_def": dict, "isolate_session_state": False,
               "experimental": dict}

    def __init__(self, **kwargs):
        for k in ("intra_op_parallelism_threads", "inter_op_parallelism_threads"):
            if k in kwargs:
                kwargs[k] = int(kwargs[k])
        super().__init__(**kwargs)


class RunOptions(_Message):
    NO_TRACE, SOFTWARE_TRACE, HARDWARE_TRACE, FULL_TRACE = 0, 1, 2, 3
    _FIELDS = {"trace_level": 0, "timeout_in_ms": 0, "inter_op_thread_pool": 0,
               "output_partition_graphs": False, "debug_options": dict,
               "report_tensor_allocations_upon_oom": False, "experimental": dict}


class RunMetadata(_Message):
    _FIELDS = {"step_stats": dict, "cost_graph": dict, "partition_graphs": list,
               "function_graphs": list}
