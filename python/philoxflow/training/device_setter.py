"""Distributed placement of TF 1.x (`server_lib.ClusterSpec`, `device_setter.py`): a
cluster's jobs and tasks, and `replica_device_setter`, the device function that puts
variables round-robin on parameter servers and everything else on the worker."""

from __future__ import annotations

from ..framework.device import DeviceSpec
from .protos import ClusterDef

STANDARD_PS_OPS = ("Variable", "VariableV2", "AutoReloadVariable", "MutableHashTable",
                   "MutableHashTableV2", "MutableHashTableOfTensors",
                   "MutableHashTableOfTensorsV2", "MutableDenseHashTable",
                   "MutableDenseHashTableV2", "VarHandleOp",
                   "BoostedTreesEnsembleResourceHandleOp",
                   "BoostedTreesQuantileStreamResourceHandleOp",
                   "ResourceConditionalAccumulator")


class ClusterSpec:
    """`tf.train.ClusterSpec`: job name -> task index -> address."""

    def __init__(self, cluster):
        if isinstance(cluster, dict):
            self._cluster_spec = {}
            for job, tasks in cluster.items():
                if isinstance(tasks, (list, tuple)):
                    self._cluster_spec[job] = dict(enumerate(tasks))
                elif isinstance(tasks, dict):
                    self._cluster_spec[job] = dict(tasks)
                else:
                    raise TypeError("The tasks for job %r must be a list or a dictionary from "
                                    "integers to strings." % job)
            self._make_cluster_def()
        elif isinstance(cluster, (ClusterDef, ClusterSpec)):
            self._cluster_def = ClusterDef()
            self._cluster_def.MergeFrom(cluster if isinstance(cluster, ClusterDef)
                                        else cluster.as_cluster_def())
            self._cluster_spec = {j.name: dict(j.tasks.items()) for j in self._cluster_def.job}
        else:
            raise TypeError("`cluster` must be a dictionary mapping one or more job names to "
                            "lists of network addresses, or a `ClusterDef` protocol buffer")

    def __bool__(self):
        return bool(self._cluster_spec)

    def __eq__(self, other):
        return self._cluster_spec == other

    def __ne__(self, other):
        return self._cluster_spec != other

    __hash__ = None

    def __str__(self):
        d = self.as_dict()
        return "ClusterSpec({" + ", ".join(repr(k) + ": " + repr(d[k]) for k in sorted(d)) + "})"

    def as_dict(self):
        out = {}
        for job in self.jobs:
            idx = self.task_indices(job)
            if not idx:
                out[job] = {}
            elif max(idx) + 1 == len(idx):
                out[job] = self.job_tasks(job)
            else:
                out[job] = {i: self.task_address(job, i) for i in idx}
        return out

    def as_cluster_def(self):
        return self._cluster_def

    @property
    def jobs(self):
        return list(self._cluster_spec.keys())

    def _job(self, job_name):
        try:
            return self._cluster_spec[job_name]
        except KeyError:
            raise ValueError("No such job in cluster: %r" % job_name) from None

    def num_tasks(self, job_name):
        return len(self._job(job_name))

    def task_indices(self, job_name):
        return sorted(self._job(job_name).keys())

    def task_address(self, job_name, task_index):
        job = self._job(job_name)
        try:
            return job[task_index]
        except KeyError:
            raise ValueError("No task with index %r in job %r" % (task_index, job_name)) \
                from None

    def job_tasks(self, job_name):
        job = self._job(job_name)
        out = [None] * (max(job.keys()) + 1)
        for i, task in job.items():
            out[i] = task
        return out

    def _make_cluster_def(self):
        self._cluster_def = ClusterDef()
        for job_name, tasks in sorted(self._cluster_spec.items()):
            if not isinstance(job_name, (str, bytes)):
                raise TypeError("Job name %r must be bytes or unicode" % job_name)
            job = self._cluster_def.job.add()
            job.name = job_name
            for i, address in sorted(tasks.items()):
                if not isinstance(address, (str, bytes)):
                    raise TypeError("Task address %r must be bytes or unicode" % address)
                job.tasks[i] = address


class _RoundRobinStrategy:
    def __init__(self, num_tasks):
        self._num_tasks, self._next_task = num_tasks, 0

    def __call__(self, unused_op):
        task = self._next_task
        self._next_task = (self._next_task + 1) % self._num_tasks
        return task


class _ReplicaDeviceChooser:
    def __init__(self, ps_tasks, ps_device, worker_device, merge_devices, ps_ops, ps_strategy):
        self._ps_tasks, self._ps_device = ps_tasks, ps_device
        self._worker_device, self._merge_devices = worker_device, merge_devices
        self._ps_ops, self._ps_strategy = ps_ops, ps_strategy

    def device_function(self, op):
        if not self._merge_devices and op.device:
            return op.device
        current = DeviceSpec.from_string(op.device or "")
        if self._ps_tasks and self._ps_device and op.type in self._ps_ops:
            ps = DeviceSpec.from_string(self._ps_device)
            if ps.job and (not current.job or current.job == ps.job):
                ps.task = self._ps_strategy(op)
            return ps.make_merged_spec(current).to_string()
        worker = DeviceSpec.from_string(self._worker_device or "")
        return worker.make_merged_spec(current).to_string()


def replica_device_setter(ps_tasks=0, ps_device="/job:ps", worker_device="/job:worker",
                          merge_devices=True, cluster=None, ps_ops=None, ps_strategy=None):
    """`tf.train.replica_device_setter`: a device function for `tf.device` (None when
    there are no parameter servers)."""
    if cluster is not None:
        spec = (cluster if isinstance(cluster, ClusterSpec) else ClusterSpec(cluster)).as_dict()
        ps_job = DeviceSpec.from_string(ps_device).job
        if ps_job not in spec or spec[ps_job] is None:
            return None
        ps_tasks = len(spec[ps_job])
    if ps_tasks == 0:
        return None
    if ps_ops is None:
        ps_ops = list(STANDARD_PS_OPS)
    if ps_strategy is None:
        ps_strategy = _RoundRobinStrategy(ps_tasks)
    if not callable(ps_strategy):
        raise TypeError("ps_strategy must be callable")
    return _ReplicaDeviceChooser(ps_tasks, ps_device, worker_device, merge_devices, ps_ops,
                                 ps_strategy).device_function
