"""`tf.contrib.training`'s training loop helpers (`contrib/training/.../training.py`):
`create_train_op` (update-op barrier, gradients, `train_op/CheckNumerics`), gradient
clipping, multipliers and summaries, built as TF 1.15 builds them; `train` runs a
MonitoredTrainingSession."""

from __future__ import annotations

from ...framework.constant_op import convert_to_tensor
from ...framework.indexed_slices import IndexedSlices
from ...framework.ops import GraphKeys, control_dependencies, get_collection, name_scope
from ...ops import clip_ops, control_flow_ops
from ...ops.data_flow_ops import _op
from ...python.platform import tf_logging as logging
from ...training import training_util
from ...training.optimizer import Optimizer

_USE_GLOBAL_STEP = 0


def add_gradients_summaries(grads_and_vars):
    """A histogram and a norm summary per gradient."""
    from ... import summary

    out = []
    for grad, var in grads_and_vars:
        if grad is None:
            logging.info("Var %s has no gradient", var.op.name)
            continue
        values = grad.values if isinstance(grad, IndexedSlices) else grad
        out.append(summary.histogram(var.op.name + "_gradient", values))
        out.append(summary.scalar(var.op.name + "_gradient_norm",
                                  clip_ops.global_norm([values])))
    return out


def clip_gradient_norms(gradients_to_variables, max_norm):
    """Each gradient clipped by its norm (`clip_by_norm`)."""
    out = []
    for grad, var in gradients_to_variables:
        if grad is not None:
            if isinstance(grad, IndexedSlices):
                grad = IndexedSlices(clip_ops.clip_by_norm(grad.values, max_norm), grad.indices,
                                     grad.dense_shape)
            else:
                grad = clip_ops.clip_by_norm(grad, max_norm)
        out.append((grad, var))
    return out


def clip_gradient_norms_fn(max_norm):
    """A `transform_grads_fn` clipping each gradient's norm."""
    def clip_norms(gradients_to_variables):
        return clip_gradient_norms(gradients_to_variables, max_norm)
    return clip_norms


def multiply_gradients(grads_and_vars, gradient_multipliers):
    """Gradients scaled per variable (by variable or by its op name)."""
    if not isinstance(grads_and_vars, list):
        raise ValueError("`grads_and_vars` must be a list.")
    if not gradient_multipliers:
        raise ValueError("`gradient_multipliers` is empty.")
    if not isinstance(gradient_multipliers, dict):
        raise ValueError("`gradient_multipliers` must be a dict.")
    out = []
    for grad, var in grads_and_vars:
        if var in gradient_multipliers or var.op.name in gradient_multipliers:
            key = var if var in gradient_multipliers else var.op.name
            if grad is None:
                raise ValueError("Requested multiple of `None` gradient.")
            m = convert_to_tensor(gradient_multipliers[key], dtype=grad.dtype)
            if isinstance(grad, IndexedSlices):
                grad = IndexedSlices(grad.values * m, grad.indices, grad.dense_shape)
            else:
                grad *= m
        out.append((grad, var))
    return out


def create_train_op(total_loss, optimizer, global_step=_USE_GLOBAL_STEP, update_ops=None,
                    variables_to_train=None, transform_grads_fn=None,
                    summarize_gradients=False, gate_gradients=Optimizer.GATE_OP,
                    aggregation_method=None, colocate_gradients_with_ops=False,
                    check_numerics=True):
    """The loss, after the update ops and the gradient step have run."""
    from ...ops.variables import trainable_variables

    if global_step is _USE_GLOBAL_STEP:
        global_step = training_util.get_or_create_global_step()
    global_update_ops = set(get_collection(GraphKeys.UPDATE_OPS))
    update_ops = global_update_ops if update_ops is None else set(update_ops)
    if not global_update_ops.issubset(update_ops):
        logging.warning("update_ops in create_train_op does not contain all the update_ops "
                        "in GraphKeys.UPDATE_OPS")
    if update_ops:
        with control_dependencies(update_ops):
            barrier = control_flow_ops.no_op(name="update_barrier")
        total_loss = control_flow_ops.with_dependencies([barrier], total_loss)
    if variables_to_train is None:
        variables_to_train = trainable_variables()
    assert variables_to_train
    grads = optimizer.compute_gradients(
        total_loss, variables_to_train, gate_gradients=gate_gradients,
        aggregation_method=aggregation_method,
        colocate_gradients_with_ops=colocate_gradients_with_ops)
    if transform_grads_fn:
        grads = transform_grads_fn(grads)
    if summarize_gradients:
        with name_scope("summarize_grads"):
            add_gradients_summaries(grads)
    grad_updates = optimizer.apply_gradients(grads, global_step=global_step)
    with name_scope("train_op"):
        if check_numerics:
            total_loss = _op("CheckNumerics", None, tensor=total_loss,
                             message="LossTensor is inf or nan")
        train_op = control_flow_ops.with_dependencies([grad_updates], total_loss)
    train_ops = get_collection(GraphKeys.TRAIN_OP)
    if train_op not in train_ops:
        from ...framework.ops import add_to_collection

        add_to_collection(GraphKeys.TRAIN_OP, train_op)
    return train_op


def train(train_op, logdir, master="", is_chief=True, scaffold=None, hooks=None,
          chief_only_hooks=None, save_checkpoint_secs=600, save_summaries_steps=100,
          config=None, max_wait_secs=7200, run_metadata=None):
    """Runs `train_op` in a MonitoredTrainingSession until a hook stops; the last loss."""
    from ...training.monitored_session import MonitoredTrainingSession

    if logdir is None and is_chief:
        if save_summaries_steps:
            raise ValueError("logdir cannot be None when save_summaries_steps is not None")
        if save_checkpoint_secs:
            raise ValueError("logdir cannot be None when save_checkpoint_secs is not None")
    with MonitoredTrainingSession(
            master=master, is_chief=is_chief, checkpoint_dir=logdir, scaffold=scaffold,
            hooks=hooks, chief_only_hooks=chief_only_hooks,
            save_checkpoint_secs=save_checkpoint_secs,
            save_summaries_steps=save_summaries_steps, config=config,
            max_wait_secs=max_wait_secs) as session:
        loss = None
        while not session.should_stop():
            loss = session.run(train_op, run_metadata=run_metadata)
    return loss
