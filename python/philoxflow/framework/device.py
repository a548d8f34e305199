"""Device strings and `tf.device` / `tf.colocate_with` (`framework/device_spec.py`).

Devices build no ops in TF; they only set `op.device`, which model code reads
and which philoxflow records the way TF 1.15 does: a spec string is parsed and
merged into the enclosing one (`/cpu:0` becomes `/device:CPU:0`), a function is
called with each new op, and `None` clears the stack.
"""

from __future__ import annotations

import re

_FIELDS = ("job", "replica", "task", "device_type", "device_index")


class DeviceSpec:
    """`tf.DeviceSpec`: job, replica, task, device type and index of a device string."""

    def __init__(self, job=None, replica=None, task=None, device_type=None, device_index=None):
        self.job = job
        self.replica = None if replica is None else int(replica)
        self.task = None if task is None else int(task)
        self.device_type = device_type.upper() if device_type in ("cpu", "gpu") else device_type
        self.device_index = device_index

    @classmethod
    def from_string(cls, spec: str) -> DeviceSpec:
        out = cls()
        for part in (spec or "").split("/"):
            if not part:
                continue
            ly = part.split(":")
            key = ly[0].lower()
            if len(ly) == 2 and key in ("job", "replica", "task"):
                setattr(out, key, ly[1] if key == "job" else int(ly[1]))
            elif len(ly) == 2 and key in ("cpu", "gpu"):
                out.device_type = key.upper()
                out.device_index = None if ly[1] == "*" else int(ly[1])
            elif len(ly) == 3 and key == "device":
                out.device_type = ly[1].upper() if ly[1].lower() in ("cpu", "gpu") else ly[1]
                out.device_index = None if ly[2] == "*" else int(ly[2])
            elif len(ly) == 2 and key == "device":
                out.device_type = ly[1]
            else:
                raise ValueError(f"Unknown attribute: '{part}' in '{spec}'")
        return out

    def make_merged_spec(self, dev: DeviceSpec) -> DeviceSpec:
        out = DeviceSpec(**{f: getattr(self, f) for f in _FIELDS})
        for f in _FIELDS:
            if getattr(dev, f) is not None:
                setattr(out, f, getattr(dev, f))
        return out

    def merge_from(self, dev: DeviceSpec) -> None:
        for f in _FIELDS:
            if getattr(dev, f) is not None:
                setattr(self, f, getattr(dev, f))

    def to_string(self) -> str:
        s = ""
        if self.job is not None:
            s += f"/job:{self.job}"
        if self.replica is not None:
            s += f"/replica:{self.replica}"
        if self.task is not None:
            s += f"/task:{self.task}"
        if self.device_type is not None:
            idx = "*" if self.device_index is None else self.device_index
            s += f"/device:{self.device_type}:{idx}"
        return s

    def __eq__(self, other):
        return isinstance(other, DeviceSpec) and self.to_string() == other.to_string()

    def __hash__(self):
        return hash(self.to_string())


def canonical(spec) -> str:
    """TF's `device.canonical_name`: a DeviceSpec or string as its canonical string."""
    if spec is None:
        return ""
    if isinstance(spec, DeviceSpec):
        return spec.to_string()
    return DeviceSpec.from_string(spec).to_string()


canonical_name = canonical  # TF's name (`tensorflow.python.framework.device`)


def merge_device(outer: str, spec) -> str:
    """The device an op gets from `spec` inside a block whose device is `outer`."""
    if not re.search(r"\S", str(spec)):
        return outer
    merged = DeviceSpec.from_string(outer or "")
    merged.merge_from(spec if isinstance(spec, DeviceSpec) else DeviceSpec.from_string(spec))
    return merged.to_string()
