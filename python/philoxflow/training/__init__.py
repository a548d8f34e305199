"""Training (`tensorflow/python/training`): optimizers, slots, global steps, learning-rate
schedules, moving averages and clipping, built op for op as TF 1.15 builds them."""
