"""`tf.train.Supervisor` (`supervisor.py`): the init, ready and local-init ops, the Saver,
the summary op and the global step, built (or taken from collections) as TF 1.15 does
when it is made, then the graph finalized; `managed_session` prepares a session and
runs the standard services (summary, step-counter and checkpoint threads) and queue
runners. Summaries are structure-only here, so a summary service fails its run with
UnimplementedError as any summary run does."""

from __future__ import annotations

import contextlib
import os
import time

from ..framework import dtypes as _dtypes
from ..framework.ops import GraphKeys, add_to_collection, get_collection, get_default_graph
from ..ops.summary_ops import SessionLog, Summary
from ..python.platform import tf_logging as logging
from . import training_util
from .coordinator import Coordinator, LooperThread
from .session_manager import SessionManager


class Supervisor:
    """A training helper that checkpoints and computes summaries (TF 1.x)."""

    USE_DEFAULT = 0

    def __init__(self, graph=None, ready_op=USE_DEFAULT, ready_for_local_init_op=USE_DEFAULT,
                 is_chief=True, init_op=USE_DEFAULT, init_feed_dict=None,
                 local_init_op=USE_DEFAULT, logdir=None, summary_op=USE_DEFAULT,
                 saver=USE_DEFAULT, global_step=USE_DEFAULT, save_summaries_secs=120,
                 save_model_secs=600, recovery_wait_secs=30, stop_grace_secs=120,
                 checkpoint_basename="model.ckpt", session_manager=None,
                 summary_writer=USE_DEFAULT, init_fn=None, local_init_run_options=None):
        from ..ops.control_flow_ops import group
        from ..ops.resources import report_uninitialized_variables, tables_initializer
        from ..ops.variables import (
            global_variables,
            global_variables_initializer,
            local_variables_initializer,
        )
        from ..summary import FileWriter, merge_all
        from .saver import Saver

        graph = graph if graph is not None else get_default_graph()
        use = Supervisor.USE_DEFAULT
        with graph.as_default():
            if ready_op is use:
                ready_op = self._first(GraphKeys.READY_OP)
                if ready_op is None:
                    ready_op = report_uninitialized_variables()
                    add_to_collection(GraphKeys.READY_OP, ready_op)
            self._ready_op = ready_op
            if ready_for_local_init_op is use:
                ready_for_local_init_op = self._first(GraphKeys.READY_FOR_LOCAL_INIT_OP)
            self._ready_for_local_init_op = ready_for_local_init_op
            if init_op is use:
                init_op = self._first(GraphKeys.INIT_OP)
                if init_op is None:
                    init_op = global_variables_initializer()
                    add_to_collection(GraphKeys.INIT_OP, init_op)
            self._init_op, self._init_feed_dict = init_op, init_feed_dict
            if local_init_op is use:
                local_init_op = self._first(GraphKeys.LOCAL_INIT_OP)
                if local_init_op is None:
                    local_init_op = group(local_variables_initializer(), tables_initializer())
                    add_to_collection(GraphKeys.LOCAL_INIT_OP, local_init_op)
            self._local_init_op = local_init_op
            if saver is use:
                saver = self._first(GraphKeys.SAVERS)
                if saver is None and global_variables():
                    saver = Saver()
                    add_to_collection(GraphKeys.SAVERS, saver)
            self._saver = saver
            if summary_op is use:
                summary_op = self._first(GraphKeys.SUMMARY_OP)
                if summary_op is None:
                    summary_op = merge_all()
                    if summary_op is not None:
                        add_to_collection(GraphKeys.SUMMARY_OP, summary_op)
            self._summary_op = summary_op
            if global_step is use:
                global_step = self._first(GraphKeys.GLOBAL_STEP)
                if global_step is None:
                    global_step = self._default_global_step_tensor()
                    if global_step is not None:
                        add_to_collection(GraphKeys.GLOBAL_STEP, global_step)
            self._global_step = global_step
        self._graph = graph
        self._is_chief = is_chief
        self._coord = Coordinator()
        self._recovery_wait_secs, self._stop_grace_secs = recovery_wait_secs, stop_grace_secs
        self._init_fn, self._local_init_run_options = init_fn, local_init_run_options
        self._logdir = self._save_summaries_secs = self._save_model_secs = None
        self._save_path = self._summary_writer = None
        if is_chief:
            self._logdir = logdir
            self._save_summaries_secs, self._save_model_secs = save_summaries_secs, save_model_secs
            if logdir:
                self._save_path = os.path.join(logdir, checkpoint_basename)
            if summary_writer is use:
                if logdir:
                    self._summary_writer = FileWriter(logdir)
            else:
                self._summary_writer = summary_writer
        self._session_manager = session_manager or SessionManager(
            local_init_op=self._local_init_op, ready_op=self._ready_op,
            ready_for_local_init_op=self._ready_for_local_init_op, graph=graph,
            recovery_wait_secs=recovery_wait_secs, local_init_run_options=local_init_run_options)
        if not is_chief:
            for op in graph.get_operations():
                if op.type in ("Variable", "VariableV2") and not op.device:
                    raise ValueError("When using replicas, all Variables must have their device "
                                     "set: %s" % op)
        graph.finalize()

    @staticmethod
    def _first(key):
        found = get_collection(key)
        return found[0] if found else None

    @staticmethod
    def _default_global_step_tensor():
        try:
            gs = get_default_graph().get_tensor_by_name("global_step:0")
        except KeyError:
            return None
        return gs if gs.dtype.base_dtype in (_dtypes.int32, _dtypes.int64) else None

    is_chief = property(lambda self: self._is_chief)
    session_manager = property(lambda self: self._session_manager)
    coord = property(lambda self: self._coord)
    init_op = property(lambda self: self._init_op)
    init_feed_dict = property(lambda self: self._init_feed_dict)
    ready_op = property(lambda self: self._ready_op)
    ready_for_local_init_op = property(lambda self: self._ready_for_local_init_op)
    summary_writer = property(lambda self: self._summary_writer)
    summary_op = property(lambda self: self._summary_op)
    save_summaries_secs = property(lambda self: self._save_summaries_secs)
    global_step = property(lambda self: self._global_step)
    saver = property(lambda self: self._saver)
    save_model_secs = property(lambda self: self._save_model_secs)
    save_path = property(lambda self: self._save_path)

    def start_standard_services(self, sess):
        if not self._is_chief:
            raise RuntimeError("Only chief supervisor can start standard services. Because only "
                               "chief supervisors can write events.")
        if not self._logdir:
            logging.warning("Standard services need a 'logdir' passed to the SessionManager")
            return None
        if self._global_step is not None and self._summary_writer:
            self._summary_writer.add_session_log(
                SessionLog(status=SessionLog.START),
                training_util.global_step(sess, self._global_step))
        threads = []
        if self._save_summaries_secs and self._summary_writer:
            if self._summary_op is not None:
                threads.append(_SummaryThread(self, sess))
            if self._global_step is not None:
                threads.append(_StepCounterThread(self, sess))
        if self.saver and self._save_model_secs:
            threads.append(_CheckpointThread(self, sess))
        for t in threads:
            t.start()
        return threads

    def prepare_or_wait_for_session(self, master="", config=None, wait_for_checkpoint=False,
                                    max_wait_secs=7200, start_standard_services=True):
        self._coord.clear_stop()
        if self._is_chief:
            sess = self._session_manager.prepare_session(
                master, init_op=self.init_op, saver=self.saver, checkpoint_dir=self._logdir,
                wait_for_checkpoint=wait_for_checkpoint, max_wait_secs=max_wait_secs,
                config=config, init_feed_dict=self._init_feed_dict, init_fn=self._init_fn)
            if start_standard_services:
                self.start_standard_services(sess)
        else:
            sess = self._session_manager.wait_for_session(master, config=config,
                                                          max_wait_secs=max_wait_secs)
        if start_standard_services:
            self.start_queue_runners(sess)
        return sess

    def start_queue_runners(self, sess, queue_runners=None):
        if queue_runners is None:
            queue_runners = self._graph.get_collection(GraphKeys.QUEUE_RUNNERS)
        threads = []
        for qr in queue_runners:
            threads.extend(qr.create_threads(sess, coord=self._coord, daemon=True, start=True))
        return threads

    def loop(self, timer_interval_secs, target, args=None, kwargs=None):
        return LooperThread.loop(self._coord, timer_interval_secs, target, args, kwargs)

    def stop(self, threads=None, close_summary_writer=True, ignore_live_threads=False):
        self._coord.request_stop()
        try:
            self._coord.join(threads, stop_grace_period_secs=self._stop_grace_secs,
                             ignore_live_threads=ignore_live_threads)
        finally:
            if close_summary_writer and self._summary_writer:
                self._summary_writer.add_session_log(SessionLog(status=SessionLog.STOP))
                self._summary_writer.close()

    def request_stop(self, ex=None):
        self._coord.request_stop(ex=ex)

    def should_stop(self):
        return self._coord.should_stop()

    def stop_on_exception(self):
        return self._coord.stop_on_exception()

    def wait_for_stop(self):
        self._coord.wait_for_stop()

    def summary_computed(self, sess, summary, global_step=None):
        if not self._summary_writer:
            raise RuntimeError("Writing a summary requires a summary writer.")
        if global_step is None and self.global_step is not None:
            global_step = training_util.global_step(sess, self.global_step)
        self._summary_writer.add_summary(summary, global_step)

    @contextlib.contextmanager
    def managed_session(self, master="", config=None, start_standard_services=True,
                        close_summary_writer=True):
        sess = None
        try:
            sess = self.prepare_or_wait_for_session(
                master=master, config=config, start_standard_services=start_standard_services)
            yield sess
        except Exception as e:  # noqa: BLE001 - TF's: reported to the coordinator
            self.request_stop(e)
        finally:
            try:
                self.stop(close_summary_writer=close_summary_writer)
            finally:
                if sess is not None:
                    sess.close()


class _SummaryThread(LooperThread):
    def __init__(self, sv, sess):
        super().__init__(sv.coord, sv.save_summaries_secs)
        self._sv, self._sess = sv, sess

    def run_loop(self):
        if self._sv.global_step is not None:
            summary, step = self._sess.run([self._sv.summary_op, self._sv.global_step])
        else:
            summary, step = self._sess.run(self._sv.summary_op), None
        if self._sv.summary_writer:
            self._sv.summary_writer.add_summary(summary, step)


class _StepCounterThread(LooperThread):
    def __init__(self, sv, sess):
        super().__init__(sv.coord, sv.save_summaries_secs)
        self._sv, self._sess = sv, sess
        self._tag = "%s/sec" % sv.global_step.op.name
        self._last_time, self._last_step = 0.0, 0

    def start_loop(self):
        self._last_time = time.time()
        self._last_step = training_util.global_step(self._sess, self._sv.global_step)

    def run_loop(self):
        step = training_util.global_step(self._sess, self._sv.global_step)
        now = time.time()
        elapsed = now - self._last_time
        rate = (step - self._last_step) / elapsed if elapsed > 0.0 else float("inf")
        self._last_time, self._last_step = now, step
        if self._sv.summary_writer:
            self._sv.summary_writer.add_summary(
                Summary(value=[Summary.Value(tag=self._tag, simple_value=rate)]), step)


class _CheckpointThread(LooperThread):
    def __init__(self, sv, sess):
        super().__init__(sv.coord, sv.save_model_secs)
        self._sv, self._sess = sv, sess

    def run_loop(self):
        self._sv.saver.save(self._sess, self._sv.save_path, global_step=self._sv.global_step)
        if self._sv.summary_writer and self._sv.global_step is not None:
            self._sv.summary_writer.add_session_log(
                SessionLog(status=SessionLog.CHECKPOINT, checkpoint_path=self._sv.save_path),
                training_util.global_step(self._sess, self._sv.global_step))
