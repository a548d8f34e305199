"""`tf.keras.optimizers` of TF 1.15 (OptimizerV2) in graph mode: `apply_gradients` and
`get_updates` build what TF 1.15 builds under the optimizer's name scope: `iter` and
the hyperparameters as resource variables (sorted by name), the slots
(`Adam/<var>/m`), the per-dtype coefficients, one `Resource*` training op per variable
in `<name>/<name>/update_<var>/`, then `iter += 1`."""

from __future__ import annotations

from ..framework import dtypes as _dtypes
from ..framework.constant_op import convert_to_tensor
from ..framework.ops import control_dependencies, name_scope
from ..ops import array_ops, math_ops
from ..training.state_ops import apply as _apply
from . import backend as K
from . import initializers
from ._serialization import deserialize_object, serialize_object


class OptimizerV2:
    def __init__(self, name, **kwargs):
        for k in kwargs:
            if k not in {"clipnorm", "clipvalue", "lr", "decay"}:
                raise TypeError("Unexpected keyword argument passed to optimizer: " + str(k))
            if kwargs[k] < 0:
                raise ValueError(f"Expected {k} >= 0, received: {kwargs[k]}")
        self._use_locking = True
        self._name = name or K.unique_object_name(type(self).__name__.lower(),
                                                  zero_based=True)
        self._hyper, self._slots, self._slot_names, self._weights = {}, {}, [], []
        self._iterations = None
        self._initial_decay = kwargs.pop("decay", 0.0)
        if "clipnorm" in kwargs:
            self.clipnorm = kwargs.pop("clipnorm")
        if "clipvalue" in kwargs:
            self.clipvalue = kwargs.pop("clipvalue")
        self._hypers_created = False

    def minimize(self, loss, var_list, grad_loss=None, name=None):
        raise NotImplementedError("philoxflow: OptimizerV2.minimize (a GradientTape over a "
                                  "loss callable); use get_updates or apply_gradients")

    def get_gradients(self, loss, params):
        from ..ops.clip_ops import clip_by_norm, clip_by_value
        from ..ops.gradients_impl import gradients

        params = list(params)
        with name_scope(self._name + "/gradients"):
            grads = gradients(loss, params)
            for grad, param in zip(grads, params):
                if grad is None:
                    raise ValueError(f"Variable {param} has `None` for gradient. Please make "
                                     "sure that all of your ops have a gradient defined (i.e. "
                                     "are differentiable). Common ops without gradient: "
                                     "K.argmax, K.round, K.eval.")
            if hasattr(self, "clipnorm"):
                grads = [clip_by_norm(g, self.clipnorm) for g in grads]
            if hasattr(self, "clipvalue"):
                grads = [clip_by_value(g, -self.clipvalue, self.clipvalue) for g in grads]
        return grads

    def get_updates(self, loss, params):
        grads = self.get_gradients(loss, params)
        return [self.apply_gradients(list(zip(grads, params)))]

    def apply_gradients(self, grads_and_vars, name=None):
        grads_and_vars = [(g, v) for g, v in grads_and_vars if g is not None]
        if not grads_and_vars:
            raise ValueError("No gradients provided for any variable.")
        var_list = [v for _, v in grads_and_vars]
        with name_scope(self._name):
            _ = self.iterations
            self._create_hypers()
            self._create_slots(var_list)
            apply_state = {}
            for dtype in dict.fromkeys(v.dtype.base_dtype for v in var_list):
                apply_state[dtype] = {}
                self._prepare_local(dtype, apply_state[dtype])
            update_ops = []
            with name_scope(name or self._name):
                for grad, var in grads_and_vars:
                    with name_scope("update_" + var.op.name):
                        op = self._resource_apply_dense(grad, var,
                                                        apply_state[var.dtype.base_dtype])
                        if var.constraint is not None:
                            with control_dependencies([op]):
                                op = var.assign(var.constraint(var))
                        update_ops.append(op)
                with control_dependencies(update_ops):
                    return self._iterations.assign_add(1).op

    # --- hyperparameters, slots and weights
    def _set_hyper(self, name, value):
        self._hyper[name] = value

    def _get_hyper(self, name, dtype=None):
        if not self._hypers_created:
            self._create_hypers()
        value = self._hyper[name]
        if callable(value) and not hasattr(value, "dtype"):
            value = value()
        if dtype is not None and value.dtype.base_dtype != _dtypes.as_dtype(dtype):
            return math_ops.cast(value, dtype)
        return value

    def __getattr__(self, name):
        hyper = self.__dict__.get("_hyper", {})
        name = "learning_rate" if name == "lr" else name
        if name in hyper:
            return self._get_hyper(name)
        raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")

    def _create_hypers(self):
        if self._hypers_created:
            return
        for name, value in sorted(self._hyper.items()):
            if hasattr(value, "dtype") or callable(value):
                continue
            self._hyper[name] = self.add_weight(name, shape=[], trainable=False,
                                                initializer=value)
        self._hypers_created = True

    @property
    def iterations(self):
        if self._iterations is None:
            self._iterations = self.add_weight("iter", shape=[], dtype=_dtypes.int64,
                                               trainable=False)
            self._weights.append(self._iterations)
        return self._iterations

    def add_weight(self, name, shape, dtype=None, initializer="zeros", trainable=None):
        from ..ops.variables import Variable

        dtype = _dtypes.as_dtype(dtype or _dtypes.float32)
        if isinstance(initializer, str) or callable(initializer):
            init = initializers.get(initializer)
            value, vdtype = (lambda: init(shape, dtype=dtype)), dtype
        else:  # (a hyperparameter's Python value: `<name>/Initializer/initial_value`)
            value, vdtype = initializer, None
        v = Variable(initial_value=value, name=name, trainable=bool(trainable),
                     dtype=vdtype, use_resource=True)
        K.track_variable(v)
        return v

    def add_slot(self, var, slot_name, initializer="zeros"):
        from ..ops.resource_variable_ops import ResourceVariable

        if slot_name not in self._slot_names:
            self._slot_names.append(slot_name)
        slots = self._slots.setdefault(id(var), {})
        if slot_name not in slots:
            init = initializers.get(initializer)
            shape, dtype = var.shape, var.dtype.base_dtype
            weight = ResourceVariable(name=f"{var._shared_name}/{slot_name}", dtype=dtype,
                                      trainable=False,
                                      initial_value=lambda: init(shape, dtype=dtype))
            K.track_variable(weight)
            slots[slot_name] = weight
            self._weights.append(weight)
        return slots[slot_name]

    def get_slot(self, var, slot_name):
        return self._slots[id(var)][slot_name]

    def get_slot_names(self):
        return self._slot_names

    @property
    def weights(self):
        return self._weights

    variables = weights

    def _create_slots(self, var_list):
        pass

    def _prepare_local(self, dtype, state):
        if "learning_rate" in self._hyper:
            state["lr_t"] = array_ops.identity(self._decayed_lr(dtype))

    def _decayed_lr(self, dtype):
        lr_t = self._get_hyper("learning_rate", dtype)
        if self._initial_decay > 0.0:
            local_step = math_ops.cast(self.iterations, dtype)
            lr_t = lr_t / (1.0 + self._get_hyper("decay", dtype) * local_step)
        return lr_t

    def get_config(self):
        return {"name": self._name}

    @classmethod
    def from_config(cls, config, custom_objects=None):
        return cls(**config)


class SGD(OptimizerV2):
    def __init__(self, learning_rate=0.01, momentum=0.0, nesterov=False, name="SGD",
                 **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._momentum = hasattr(momentum, "dtype") or callable(momentum) or momentum > 0
        if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
            raise ValueError("`momentum` must be between [0, 1].")
        self._set_hyper("momentum", momentum)
        self.nesterov = nesterov

    def _create_slots(self, var_list):
        if self._momentum:
            for var in var_list:
                self.add_slot(var, "momentum")

    def _prepare_local(self, dtype, state):
        super()._prepare_local(dtype, state)
        state["momentum"] = array_ops.identity(self._get_hyper("momentum", dtype))

    def _resource_apply_dense(self, grad, var, c):
        if self._momentum:
            return _apply("ApplyKerasMomentum", var, [
                (self.get_slot(var, "momentum"), "accum"), (c["lr_t"], "lr"),
                (grad, "grad"), (c["momentum"], "momentum")], self._use_locking,
                {"use_nesterov": self.nesterov})
        return _apply("ApplyGradientDescent", var, [(c["lr_t"], "alpha"), (grad, "delta")],
                      self._use_locking)


class Adam(OptimizerV2):
    def __init__(self, learning_rate=0.001, beta_1=0.9, beta_2=0.999, epsilon=1e-7,
                 amsgrad=False, name="Adam", **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("beta_1", beta_1)
        self._set_hyper("beta_2", beta_2)
        self.epsilon = epsilon or K.epsilon()
        self.amsgrad = amsgrad
        if amsgrad:
            raise NotImplementedError("philoxflow: Adam(amsgrad=True)")

    def _create_slots(self, var_list):
        for var in var_list:
            self.add_slot(var, "m")
        for var in var_list:
            self.add_slot(var, "v")

    def _prepare_local(self, dtype, state):
        super()._prepare_local(dtype, state)
        local_step = math_ops.cast(self.iterations + 1, dtype)
        beta_1_t = array_ops.identity(self._get_hyper("beta_1", dtype))
        beta_2_t = array_ops.identity(self._get_hyper("beta_2", dtype))
        beta_1_power = math_ops.pow(beta_1_t, local_step)
        beta_2_power = math_ops.pow(beta_2_t, local_step)
        lr = state["lr_t"] * (math_ops.sqrt(1 - beta_2_power) / (1 - beta_1_power))
        state.update(lr=lr, epsilon=convert_to_tensor(self.epsilon, dtype),
                     beta_1_t=beta_1_t, beta_1_power=beta_1_power,
                     one_minus_beta_1_t=1 - beta_1_t, beta_2_t=beta_2_t,
                     beta_2_power=beta_2_power, one_minus_beta_2_t=1 - beta_2_t)

    def _resource_apply_dense(self, grad, var, c):
        return _apply("ApplyAdam", var, [
            (self.get_slot(var, "m"), "m"), (self.get_slot(var, "v"), "v"),
            (c["beta_1_power"], "beta1_power"), (c["beta_2_power"], "beta2_power"),
            (c["lr_t"], "lr"), (c["beta_1_t"], "beta1"), (c["beta_2_t"], "beta2"),
            (c["epsilon"], "epsilon"), (grad, "grad")], self._use_locking,
            {"use_nesterov": False})


class RMSprop(OptimizerV2):
    def __init__(self, learning_rate=0.001, rho=0.9, momentum=0.0, epsilon=1e-7,
                 centered=False, name="RMSprop", **kwargs):
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._set_hyper("rho", rho)
        self._momentum = hasattr(momentum, "dtype") or callable(momentum) or momentum > 0
        if isinstance(momentum, (int, float)) and (momentum < 0 or momentum > 1):
            raise ValueError("`momentum` must be between [0, 1].")
        self._set_hyper("momentum", momentum)
        self.epsilon = epsilon or K.epsilon()
        self.centered = centered

    def _create_slots(self, var_list):
        for var in var_list:
            self.add_slot(var, "rms")
        if self._momentum:
            for var in var_list:
                self.add_slot(var, "momentum")
        if self.centered:
            for var in var_list:
                self.add_slot(var, "mg")

    def _prepare_local(self, dtype, state):
        super()._prepare_local(dtype, state)
        rho = array_ops.identity(self._get_hyper("rho", dtype))
        state.update(neg_lr_t=-state["lr_t"], epsilon=convert_to_tensor(self.epsilon, dtype),
                     rho=rho, momentum=array_ops.identity(self._get_hyper("momentum", dtype)),
                     one_minus_rho=1.0 - rho)

    def _resource_apply_dense(self, grad, var, c):
        from ..ops.state_ops import assign

        rms = self.get_slot(var, "rms")
        if self._momentum:
            mom = self.get_slot(var, "momentum")
            common = [(c["lr_t"], "lr"), (c["rho"], "rho"), (c["momentum"], "momentum"),
                      (c["epsilon"], "epsilon"), (grad, "grad")]
            if self.centered:
                return _apply("ApplyCenteredRMSProp", var, [
                    (self.get_slot(var, "mg"), "mg"), (rms, "ms"), (mom, "mom")] + common,
                    self._use_locking)
            return _apply("ApplyRMSProp", var, [(rms, "ms"), (mom, "mom")] + common,
                          self._use_locking)
        rms_t = c["rho"] * rms + c["one_minus_rho"] * math_ops.square(grad)
        rms_t = assign(rms, rms_t, use_locking=self._use_locking)
        denom_t = rms_t
        if self.centered:
            mg = self.get_slot(var, "mg")
            mg_t = assign(mg, c["rho"] * mg + c["one_minus_rho"] * grad,
                          use_locking=self._use_locking)
            denom_t = rms_t - math_ops.square(mg_t)
        var_t = var - c["lr_t"] * grad / (math_ops.sqrt(denom_t) + c["epsilon"])
        return assign(var, var_t, use_locking=self._use_locking).op


class Adagrad(OptimizerV2):
    def __init__(self, learning_rate=0.001, initial_accumulator_value=0.1, epsilon=1e-7,
                 name="Adagrad", **kwargs):
        if initial_accumulator_value < 0.0:
            raise ValueError("initial_accumulator_value must be non-negative: %s"
                             % initial_accumulator_value)
        super().__init__(name, **kwargs)
        self._set_hyper("learning_rate", kwargs.get("lr", learning_rate))
        self._set_hyper("decay", self._initial_decay)
        self._initial_accumulator_value = initial_accumulator_value
        self.epsilon = epsilon or K.epsilon()

    def _create_slots(self, var_list):
        from ..ops.init_ops import constant_initializer

        for var in var_list:
            init = constant_initializer(self._initial_accumulator_value,
                                        dtype=var.dtype.base_dtype)
            self.add_slot(var, "accumulator", init)

    def _prepare_local(self, dtype, state):
        super()._prepare_local(dtype, state)
        state.update(epsilon=convert_to_tensor(self.epsilon, dtype), neg_lr_t=-state["lr_t"],
                     zero=array_ops.zeros((), dtype=_dtypes.int64))

    def _resource_apply_dense(self, grad, var, c):
        return _apply("ApplyAdagradV2", var, [
            (self.get_slot(var, "accumulator"), "accum"), (c["lr_t"], "lr"),
            (c["epsilon"], "epsilon"), (grad, "grad")], self._use_locking,
            {"update_slots": True})


Optimizer = OptimizerV2


def serialize(optimizer):
    return serialize_object(optimizer)


def deserialize(config, custom_objects=None):
    objects = {"sgd": SGD, "adam": Adam, "rmsprop": RMSprop, "adagrad": Adagrad, "SGD": SGD,
               "Adam": Adam, "RMSprop": RMSprop, "Adagrad": Adagrad}
    return deserialize_object(config, objects, custom_objects, "optimizer")


def get(identifier):
    if isinstance(identifier, OptimizerV2):
        return identifier
    if isinstance(identifier, (dict, str)):
        return deserialize(identifier if isinstance(identifier, dict)
                           else {"class_name": identifier, "config": {}})
    raise ValueError("Could not interpret optimizer identifier:", identifier)


_is_namespace = True

from .._api_names import module_getattr as _module_getattr  # noqa: E402

__getattr__ = _module_getattr("keras.optimizers", __name__)
