"""`tensorflow.python.client.device_lib`: philoxflow runs on the CPU only, so the
local devices are one CPU (programs use this to count GPUs: none)."""

from __future__ import annotations

import dataclasses


@dataclasses.dataclass
class DeviceAttributes:
    """The fields of TF's `DeviceAttributes` proto that programs read."""

    name: str = "/device:CPU:0"
    device_type: str = "CPU"
    memory_limit: int = 268435456
    incarnation: int = 0
    physical_device_desc: str = ""


def list_local_devices(session_config=None):
    return [DeviceAttributes()]
