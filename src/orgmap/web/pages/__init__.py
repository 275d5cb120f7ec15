"""One module per page: ``PATH``, ``TITLE``, ``SLUG``, ``layout(query)`` and ``register(app)``."""
