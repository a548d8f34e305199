"""`tf.train.QueueRunner` (`tensorflow/python/training/queue_runner_impl.py`): threads that
run a queue's enqueue ops until it closes, as TF 1.15's: the close and cancel ops are built
when the runner is made (`<queue>_Close`, `<queue>_Close_1`), runners live in
`GraphKeys.QUEUE_RUNNERS`."""

from __future__ import annotations

import threading
import weakref

from .. import errors
from ..framework.ops import GraphKeys, add_to_collection, get_collection, get_default_session
from ..python.platform import tf_logging as logging


class QueueRunner:
    """`tf.train.QueueRunner`: runs `enqueue_ops` in threads of a session."""

    def __init__(self, queue=None, enqueue_ops=None, close_op=None, cancel_op=None,
                 queue_closed_exception_types=None, queue_runner_def=None, import_scope=None):
        if queue_runner_def:
            if queue or enqueue_ops:
                raise ValueError("queue_runner_def and queue are mutually exclusive.")
            raise NotImplementedError("QueueRunner from a QueueRunnerDef is not built yet")
        if not queue or not enqueue_ops:
            raise ValueError("Must provide queue and enqueue_ops.")
        self._lock = threading.Lock()
        self._runs_per_session = weakref.WeakKeyDictionary()
        self._exceptions_raised = []
        self._queue, self._enqueue_ops = queue, enqueue_ops
        self._close_op, self._cancel_op = close_op, cancel_op
        if queue_closed_exception_types is not None:
            if (not isinstance(queue_closed_exception_types, tuple)
                    or not queue_closed_exception_types
                    or not all(issubclass(t, errors.OpError)
                               for t in queue_closed_exception_types)):
                raise TypeError("queue_closed_exception_types, when provided, must be a tuple "
                                "of tf.error types, but saw: %s" % (queue_closed_exception_types,))
        if self._close_op is None:
            self._close_op = self._queue.close()
        if self._cancel_op is None:
            self._cancel_op = self._queue.close(cancel_pending_enqueues=True)
        self._queue_closed_exception_types = tuple(
            queue_closed_exception_types or (errors.OutOfRangeError,))

    queue = property(lambda self: self._queue)
    enqueue_ops = property(lambda self: self._enqueue_ops)
    close_op = property(lambda self: self._close_op)
    cancel_op = property(lambda self: self._cancel_op)
    queue_closed_exception_types = property(lambda self: self._queue_closed_exception_types)
    exceptions_raised = property(lambda self: self._exceptions_raised)
    name = property(lambda self: self._queue.name)

    def _run(self, sess, enqueue_op, coord=None, feed_fn=None):
        decremented = False
        try:
            while True:
                if coord and coord.should_stop():
                    break
                try:
                    sess.run(enqueue_op, feed_dict=None if feed_fn is None else feed_fn())
                except self._queue_closed_exception_types:
                    with self._lock:
                        self._runs_per_session[sess] -= 1
                        decremented = True
                        if self._runs_per_session[sess] == 0:
                            try:
                                sess.run(self._close_op)
                            except Exception as e:  # noqa: BLE001 - as TF, ignored
                                logging.vlog(1, "Ignored exception: %s", str(e))
                        return
        except Exception as e:  # noqa: BLE001 - reported to the coordinator, as TF
            if coord:
                coord.request_stop(e)
            else:
                logging.error("Exception in QueueRunner: %s", str(e))
                with self._lock:
                    self._exceptions_raised.append(e)
                raise
        finally:
            if not decremented:
                with self._lock:
                    self._runs_per_session[sess] -= 1

    def _close_on_stop(self, sess, cancel_op, coord):
        coord.wait_for_stop()
        try:
            sess.run(cancel_op)
        except Exception as e:  # noqa: BLE001 - as TF, ignored
            logging.vlog(1, "Ignored exception: %s", str(e))

    def create_threads(self, sess, coord=None, daemon=False, start=False):
        with self._lock:
            if self._runs_per_session.get(sess, 0) > 0:
                return []
            self._runs_per_session[sess] = len(self._enqueue_ops)
            self._exceptions_raised = []
        feeds = getattr(self, "_feed_fns", None) or [None] * len(self._enqueue_ops)
        threads = [threading.Thread(target=self._run, args=(sess, op, coord, fn),
                                    name=f"QueueRunnerThread-{self.name}-{op.name}")
                   for op, fn in zip(self._enqueue_ops, feeds)]
        if coord:
            threads.append(threading.Thread(
                target=self._close_on_stop, args=(sess, self._cancel_op, coord),
                name=f"QueueRunnerThread-{self.name}-close_on_stop"))
        for t in threads:
            if coord:
                coord.register_thread(t)
            if daemon:
                t.daemon = True
            if start:
                t.start()
        return threads


class FeedingQueueRunner(QueueRunner):
    """`tf.contrib.training.FeedingQueueRunner`: each enqueue op runs with its feed
    function's feed dict (the end of the input: OutOfRange or Cancelled)."""

    def __init__(self, queue=None, enqueue_ops=None, close_op=None, cancel_op=None,
                 feed_fns=None, queue_closed_exception_types=None):
        if queue_closed_exception_types is None:
            queue_closed_exception_types = (errors.OutOfRangeError, errors.CancelledError)
        super().__init__(queue, enqueue_ops, close_op, cancel_op,
                         queue_closed_exception_types=queue_closed_exception_types)
        if feed_fns is not None and len(feed_fns) != len(enqueue_ops):
            raise ValueError("If feed_fns is not None, it must have the same length as "
                             "enqueue_ops.")
        self._feed_fns = list(feed_fns) if feed_fns is not None else [None] * len(enqueue_ops)


def add_queue_runner(qr, collection=GraphKeys.QUEUE_RUNNERS):
    """`tf.train.add_queue_runner`."""
    add_to_collection(collection, qr)


def start_queue_runners(sess=None, coord=None, daemon=True, start=True,
                        collection=GraphKeys.QUEUE_RUNNERS):
    """`tf.train.start_queue_runners`: the threads of every runner of `collection`."""
    from ..client.session import Session

    if sess is None:
        sess = get_default_session()
        if not sess:
            raise ValueError("Cannot start queue runners: No default session is registered. "
                             "Use `with sess.as_default()` or pass an explicit session to "
                             "tf.start_queue_runners(sess=sess)")
    if not isinstance(sess, Session):
        if sess.__class__.__name__ in ("MonitoredSession", "SingularMonitoredSession"):
            return []
        raise TypeError("sess must be a `tf.Session` object. Given class: {}".format(
            sess.__class__))
    runners = get_collection(collection)
    if not runners:
        logging.warning("`tf.train.start_queue_runners()` was called when no queue runners "
                        "were defined. You can safely remove the call to this deprecated "
                        "function.")
    with sess.graph.as_default():
        threads = []
        for qr in get_collection(collection):
            threads.extend(qr.create_threads(sess, coord=coord, daemon=daemon, start=start))
    return threads
