"""tf.app, tf.flags, tf.gfile and the session configuration messages, as TF 1.15
model code uses them outside graphs."""

import sys

import pytest

import philoxflow as tf


def test_flags_are_absl_flags_read_from_argv_on_first_use(monkeypatch):
    from absl import flags as absl_flags

    flags = tf.app.flags
    assert flags is tf.flags
    flags.DEFINE_integer("pf_test_batch", 32, "batch size")
    flags.DEFINE_string("pf_test_name", "run", "name")
    flags.DEFINE_boolean("pf_test_on", False, "switch")
    absl_flags.FLAGS.unparse_flags()
    monkeypatch.setattr(sys, "argv", ["prog", "--pf_test_batch=7", "--pf_test_on"])
    assert flags.FLAGS.pf_test_batch == 7  # the first read parses sys.argv, as TF's wrapper
    assert flags.FLAGS.pf_test_on is True
    assert flags.FLAGS.pf_test_name == "run"
    absl_flags.FLAGS.unparse_flags()
    with pytest.raises(flags.IllegalFlagValueError):
        flags.FLAGS(["prog", "--pf_test_batch=x"])
    absl_flags.FLAGS.unparse_flags()


def test_app_run_passes_the_remaining_argv_and_exits_with_main_result():
    seen = []

    def main(argv):
        seen.append(list(argv))
        return 3

    with pytest.raises(SystemExit) as e:
        tf.app.run(main=main, argv=["prog", "--pf_unknown_flag=1", "rest"])
    assert e.value.code == 3
    assert seen == [["prog", "--pf_unknown_flag=1", "rest"]]  # unknown flags tolerated


def test_gfile_on_the_local_disk(tmp_path):
    d = tmp_path / "a" / "b"
    tf.gfile.MakeDirs(str(d))
    assert tf.gfile.IsDirectory(str(d)) and tf.gfile.Exists(str(d))
    p = str(d / "x.txt")
    with tf.gfile.GFile(p, "w") as f:
        f.write("one\ntwo\n")
    with tf.gfile.Open(p) as f:
        assert f.size() == 8
        assert list(f) == ["one\n", "two\n"]
    assert tf.gfile.ListDirectory(str(d)) == ["x.txt"]
    assert tf.gfile.Glob(str(d / "*.txt")) == [p]
    tf.gfile.Copy(p, p + ".bak")
    with pytest.raises(tf.errors.AlreadyExistsError):
        tf.gfile.Copy(p, p + ".bak")
    tf.gfile.Rename(p + ".bak", p, overwrite=True)
    assert tf.gfile.Stat(p).length == 8
    tf.gfile.Remove(p)
    with pytest.raises(tf.errors.NotFoundError):
        tf.gfile.GFile(p)
    with pytest.raises(tf.errors.NotFoundError):
        tf.gfile.Remove(p)
    tf.gfile.DeleteRecursively(str(tmp_path / "a"))
    assert not tf.gfile.Exists(str(tmp_path / "a"))


def test_config_messages_behave_as_protobuf_messages():
    config = tf.ConfigProto(allow_soft_placement=True, intra_op_parallelism_threads=1)
    config.gpu_options.allow_growth = True  # nested message made on first read
    config.graph_options.optimizer_options.global_jit_level = tf.OptimizerOptions.ON_1
    assert config.gpu_options.allow_growth and not config.log_device_placement
    assert config.gpu_options.per_process_gpu_memory_fraction == 0.0
    with pytest.raises(ValueError, match='has no "gpu_option" field'):
        tf.ConfigProto(gpu_option=tf.GPUOptions())
    with pytest.raises(AttributeError):
        config.no_such_field = 1
    gpu = tf.GPUOptions(per_process_gpu_memory_fraction=0.5)
    assert tf.ConfigProto(gpu_options=gpu).gpu_options.per_process_gpu_memory_fraction == 0.5
    g = tf.Graph()
    with g.as_default():
        x = tf.random_uniform([2], seed=1)
        with tf.Session(config=config) as sess:
            opts = tf.RunOptions(trace_level=tf.RunOptions.FULL_TRACE)
            meta = tf.RunMetadata()
            a = sess.run(x, options=opts, run_metadata=meta)
    with tf.Session(graph=g) as sess:
        assert (sess.run(x) == a).all()
