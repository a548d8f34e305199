"""TF 1.15's Keras engine: the base layer, input layers, functional and Sequential models."""
