"""TF 2.x eager execution on philoxflow's kernels: eager tensors (`tensor`), the eager
context and its seed draws (`context`), op execution with TF's kernel cache
(`execute`), `tf.function` (`def_function`), variables and `tf.random.Generator`."""
