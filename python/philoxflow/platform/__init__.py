"""TF 1.15's `tensorflow.python.platform` utilities that model code uses outside graphs:
`tf.app` (run), `tf.flags` / `tf.app.flags` (absl flags, parsed from sys.argv on first
read as TF's wrapper does), `tf.gfile` / `tf.io.gfile` (files on the local disk)."""
