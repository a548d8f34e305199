import pytest

import philoxflow as tf


@pytest.fixture(autouse=True)
def fresh_default_graph():
    """Each test starts with an empty global default graph."""
    tf.reset_default_graph()
    yield
    tf.reset_default_graph()
