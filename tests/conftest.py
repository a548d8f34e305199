import pytest

import philoxflow as tf
import philoxflow.compat.v1 as tf2


@pytest.fixture(autouse=True)
def fresh_default_graph():
    """Each test starts with empty global default graphs (both targets)."""
    tf.reset_default_graph()
    tf2.reset_default_graph()
    yield
    tf.reset_default_graph()
    tf2.reset_default_graph()
