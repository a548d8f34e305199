"""Checkpoint bookkeeping of `tf.train` (`checkpoint_management.py`): the `checkpoint`
state file as a `CheckpointState` message (protobuf text format, as TF writes it),
checkpoint mtimes, removal, and waiting for new checkpoints."""

from __future__ import annotations

import glob
import os
import re
import time

from ..framework.proto import Message
from ..python.platform import tf_logging as logging
from .saver import latest_checkpoint, load_checkpoint


class CheckpointState(Message):
    _FIELDS = {"model_checkpoint_path": (1, "string", "", None),
               "all_model_checkpoint_paths": (2, "string", "repeated", None),
               "all_model_checkpoint_timestamps": (3, "double", "repeated", None),
               "last_preserved_timestamp": (4, "double", "", None)}


def _parse_text(text):
    state = CheckpointState()
    for line in text.splitlines():
        m = re.match(r'^\s*(\w+)\s*:\s*(.*?)\s*$', line)
        if not m:
            if line.strip():
                raise ValueError(f"cannot parse checkpoint state line {line!r}")
            continue
        key, raw = m.groups()
        if key not in CheckpointState._FIELDS:
            raise ValueError(f"unknown field {key!r}")
        value = (raw[1:-1].encode("latin-1").decode("unicode_escape") if raw.startswith('"')
                 else float(raw))
        field = CheckpointState._FIELDS[key]
        if field[2] == "repeated":
            getattr(state, key).append(value)
        else:
            setattr(state, key, value)
    return state


def generate_checkpoint_state_proto(save_dir, model_checkpoint_path,
                                    all_model_checkpoint_paths=None,
                                    all_model_checkpoint_timestamps=None,
                                    last_preserved_timestamp=None):
    """A `CheckpointState` (the newest path last in `all_model_checkpoint_paths`; paths
    relative to `save_dir` when `save_dir` is relative, as TF does)."""
    if all_model_checkpoint_paths is None:
        all_model_checkpoint_paths = []
    if not all_model_checkpoint_paths or all_model_checkpoint_paths[-1] != \
            model_checkpoint_path:
        logging.info("%s is not in all_model_checkpoint_paths. Manually adding it.",
                     model_checkpoint_path)
        all_model_checkpoint_paths.append(model_checkpoint_path)
    if (all_model_checkpoint_timestamps
            and len(all_model_checkpoint_timestamps) != len(all_model_checkpoint_paths)):
        raise ValueError("Checkpoint timestamps, if provided, must match checkpoint paths "
                         "(got paths %s and timestamps %s)"
                         % (all_model_checkpoint_paths, all_model_checkpoint_timestamps))
    if not os.path.isabs(save_dir):
        if not os.path.isabs(model_checkpoint_path):
            model_checkpoint_path = os.path.relpath(model_checkpoint_path, save_dir)
        all_model_checkpoint_paths = [p if os.path.isabs(p) else os.path.relpath(p, save_dir)
                                      for p in all_model_checkpoint_paths]
    return CheckpointState(model_checkpoint_path=model_checkpoint_path,
                           all_model_checkpoint_paths=all_model_checkpoint_paths,
                           all_model_checkpoint_timestamps=all_model_checkpoint_timestamps,
                           last_preserved_timestamp=last_preserved_timestamp)


def get_checkpoint_state(checkpoint_dir, latest_filename=None):
    """The `CheckpointState` of `checkpoint_dir/checkpoint` (relative paths made
    absolute), or None when there is none or it does not parse."""
    path = os.path.join(checkpoint_dir, latest_filename or "checkpoint")
    if not os.path.isfile(path):
        return None
    try:
        with open(path) as f:
            ckpt = _parse_text(f.read())
        if not ckpt.model_checkpoint_path:
            raise ValueError("Invalid checkpoint state loaded from " + checkpoint_dir)
    except ValueError:
        logging.warning("%s: Checkpoint ignored", path)
        return None
    if not os.path.isabs(ckpt.model_checkpoint_path):
        ckpt.model_checkpoint_path = os.path.join(checkpoint_dir, ckpt.model_checkpoint_path)
    paths = list(ckpt.all_model_checkpoint_paths)
    ckpt.ClearField("all_model_checkpoint_paths")
    ckpt.all_model_checkpoint_paths.extend(
        p if os.path.isabs(p) else os.path.join(checkpoint_dir, p) for p in paths)
    return ckpt


def get_checkpoint_mtimes(checkpoint_prefixes):
    """The modification times of the checkpoints (their `.index` files; V1 files too)."""
    out = []
    for prefix in checkpoint_prefixes:
        for pattern in (prefix + ".index", prefix):
            found = glob.glob(pattern)
            if found:
                out.append(os.stat(found[0]).st_mtime)
                break
    return out


def remove_checkpoint(checkpoint_prefix, checkpoint_format_version=2, meta_graph_suffix="meta"):
    """Deletes a checkpoint's files (index, data shards, meta graph)."""
    files = ([checkpoint_prefix + ".index"] + glob.glob(checkpoint_prefix + ".data-?????-of-?????")
             if checkpoint_format_version == 2 else [checkpoint_prefix])
    files.append(checkpoint_prefix + "." + meta_graph_suffix)
    for path in files:
        try:
            os.remove(path)
        except OSError as e:
            logging.warning("Ignoring: %s", str(e))


def wait_for_new_checkpoint(checkpoint_dir, last_checkpoint=None, seconds_to_sleep=1,
                            timeout=None):
    """The newest checkpoint once it differs from `last_checkpoint` (None on timeout)."""
    stop = None if timeout is None else time.time() + timeout
    while True:
        path = latest_checkpoint(checkpoint_dir)
        if path is not None and path != last_checkpoint:
            return path
        if stop is not None and time.time() + seconds_to_sleep > stop:
            return None
        time.sleep(seconds_to_sleep)


def checkpoints_iterator(checkpoint_dir, min_interval_secs=0, timeout=None, timeout_fn=None):
    """Yields each new checkpoint of `checkpoint_dir` as it appears."""
    path = None
    while True:
        new = wait_for_new_checkpoint(checkpoint_dir, path, timeout=timeout)
        if new is None:
            if not timeout_fn or timeout_fn():
                return
            continue
        start = time.time()
        path = new
        yield path
        remaining = start + min_interval_secs - time.time()
        if remaining > 0:
            time.sleep(remaining)


def load_variable(ckpt_dir_or_file, name):
    """The value of variable `name` in a checkpoint."""
    if name.endswith(":0"):
        name = name[:-2]
    return load_checkpoint(ckpt_dir_or_file).get_tensor(name)
