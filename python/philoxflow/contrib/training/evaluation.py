"""`tf.contrib.training`'s evaluation loop (`evaluation.py`) and parameter-server
placement strategies (`device_setter.py`), as TF 1.15 has them."""

from __future__ import annotations

import hashlib
import math

import numpy as np

from ...framework import dtypes as _dtypes
from ...framework.ops import GraphKeys, control_dependencies, get_default_graph
from ...framework.tensor_shape import TensorShape
from ...training import training_util
from ...training.basic_session_run_hooks import FinalOpsHook
from ...training.checkpoint_management import checkpoints_iterator, wait_for_new_checkpoint
from ...training.monitored_session import ChiefSessionCreator, MonitoredSession
from ...training.session_run_hook import SessionRunArgs, SessionRunHook

__all__ = ["checkpoints_iterator", "wait_for_new_checkpoint"]


def get_or_create_eval_step():
    """The local int64 `eval_step` counter (collection `eval_step`)."""
    from ...ops.init_ops import zeros_initializer
    from ...ops.variable_scope import get_variable

    steps = get_default_graph().get_collection(GraphKeys.EVAL_STEP)
    if len(steps) == 1:
        return steps[0]
    if len(steps) > 1:
        raise ValueError("Multiple tensors added to tf.GraphKeys.EVAL_STEP")
    return get_variable("eval_step", shape=[], dtype=_dtypes.int64,
                        initializer=zeros_initializer(), trainable=False,
                        collections=[GraphKeys.LOCAL_VARIABLES, GraphKeys.EVAL_STEP])


def _latest_eval_step_value(update_ops):
    from ...ops.array_ops import identity

    if isinstance(update_ops, dict):
        update_ops = list(update_ops.values())
    with control_dependencies(update_ops):
        return identity(get_or_create_eval_step().read_value())


class StopAfterNEvalsHook(SessionRunHook):
    """Stops an evaluation after `num_evals` runs of its eval ops."""

    def __init__(self, num_evals, log_progress=True):
        self._num_evals, self._evals_completed = num_evals, None
        self._log_progress = log_progress
        self._log_frequency = (1 if num_evals is None or num_evals < 20
                               else math.floor(num_evals / 10.0))

    def _set_evals_completed_tensor(self, updated_eval_step):
        self._evals_completed = updated_eval_step

    def before_run(self, run_context):
        return SessionRunArgs({"evals_completed": self._evals_completed})

    def after_run(self, run_context, run_values):
        done = run_values.results["evals_completed"]
        if self._num_evals is not None and done >= self._num_evals:
            run_context.request_stop()


class SummaryAtEndHook(SessionRunHook):
    """Runs the summary op once when the evaluation ends."""

    def __init__(self, log_dir=None, summary_writer=None, summary_op=None, feed_dict=None):
        self._summary_op, self._replace_summary_op = summary_op, summary_op is None
        self._feed_dict, self._summary_writer, self._log_dir = feed_dict, summary_writer, log_dir
        if self._log_dir is None and self._summary_writer is None:
            raise ValueError("One of log_dir or summary_writer should be used.")

    def begin(self):
        from ...summary import merge_all

        if self._replace_summary_op:
            self._summary_op = merge_all()
        self._global_step = training_util.get_or_create_global_step()

    def after_create_session(self, session, coord):
        from ...summary import FileWriterCache

        if self._summary_writer is None and self._log_dir:
            self._summary_writer = FileWriterCache.get(self._log_dir)

    def end(self, session):
        if self._summary_op is not None:
            step = training_util.global_step(session, self._global_step)
            summary_str = session.run(self._summary_op, self._feed_dict)
            if self._summary_writer:
                self._summary_writer.add_summary(summary_str, step)
        if self._summary_writer:
            self._summary_writer.flush()


def _with_eval_step(eval_ops, hooks, latest):
    from ...ops.state_ops_ext import assign_add

    update = assign_add(get_or_create_eval_step(), 1, use_locking=True) if latest else \
        assign_add(get_or_create_eval_step(), 1)
    if isinstance(eval_ops, dict):
        eval_ops["update_eval_step"] = update
    elif isinstance(eval_ops, (tuple, list)):
        eval_ops = list(eval_ops) + [update]
    else:
        eval_ops = [eval_ops, update]
    completed = _latest_eval_step_value(eval_ops) if latest else update
    for h in hooks:
        if isinstance(h, StopAfterNEvalsHook):
            h._set_evals_completed_tensor(completed)
    return eval_ops


def evaluate_once(checkpoint_path, master="", scaffold=None, eval_ops=None, feed_dict=None,
                  final_ops=None, final_ops_feed_dict=None, hooks=None, config=None):
    """Restores `checkpoint_path`, runs `eval_ops` until a hook stops, returns the values
    of `final_ops`."""
    get_or_create_eval_step()
    hooks = list(hooks or [])
    if eval_ops is not None:
        eval_ops = _with_eval_step(eval_ops, hooks, latest=True)
    creator = ChiefSessionCreator(scaffold=scaffold, checkpoint_filename_with_path=checkpoint_path,
                                  master=master, config=config)
    final_hook = FinalOpsHook(final_ops, final_ops_feed_dict)
    hooks.append(final_hook)
    with MonitoredSession(session_creator=creator, hooks=hooks) as session:
        if eval_ops is not None:
            while not session.should_stop():
                session.run(eval_ops, feed_dict)
    return final_hook.final_ops_values


def evaluate_repeatedly(checkpoint_dir, master="", scaffold=None, eval_ops=None,
                        feed_dict=None, final_ops=None, final_ops_feed_dict=None,
                        eval_interval_secs=60, hooks=None, config=None,
                        max_number_of_evaluations=None, timeout=None, timeout_fn=None):
    """`evaluate_once` for each new checkpoint of `checkpoint_dir`."""
    get_or_create_eval_step()
    hooks = hooks or []
    if eval_ops is not None:
        eval_ops = _with_eval_step(eval_ops, hooks, latest=False)
    final_hook = FinalOpsHook(final_ops, final_ops_feed_dict)
    hooks.append(final_hook)
    n = 0
    for path in checkpoints_iterator(checkpoint_dir, min_interval_secs=eval_interval_secs,
                                     timeout=timeout, timeout_fn=timeout_fn):
        creator = ChiefSessionCreator(scaffold=scaffold, checkpoint_filename_with_path=path,
                                      master=master, config=config)
        with MonitoredSession(session_creator=creator, hooks=hooks) as session:
            if eval_ops is not None:
                while not session.should_stop():
                    session.run(eval_ops, feed_dict)
        n += 1
        if max_number_of_evaluations is not None and n >= max_number_of_evaluations:
            break
    return final_hook.final_ops_values


class RandomStrategy:
    """Places each op on the task its name's md5 picks."""

    def __init__(self, num_ps_tasks, seed=0):
        self._num_tasks, self._seed = num_ps_tasks, seed

    def __call__(self, op):
        key = ("%s_%d" % (op.name, self._seed)).encode("utf-8")
        return int(int(hashlib.md5(key).hexdigest(), 16) % self._num_tasks)


class GreedyLoadBalancingStrategy:
    """Places each op on the least loaded task (by `load_fn`)."""

    def __init__(self, num_tasks, load_fn):
        self._num_tasks, self._load_fn = num_tasks, load_fn
        self._ps_loads = np.zeros(num_tasks)

    def __call__(self, op):
        task = np.argmin(self._ps_loads)
        self._ps_loads[task] += self._load_fn(op)
        return task


def byte_size_load_fn(op):
    """The size in bytes of a variable op's output."""
    if len(op.outputs) != 1:
        raise ValueError("Op %s must have a single output" % op)
    out = op.outputs[0]
    shape = out.shape
    if not shape.is_fully_defined():
        shape = TensorShape(op.get_attr("shape"))
    shape.assert_is_fully_defined()
    return shape.num_elements() * out.dtype.size


