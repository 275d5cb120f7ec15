"""orgmap's local web app (Dash): network, sources, review, timeline, what-if, simulation, ACH.

>>> from orgmap.web import WebConfig, create_app   # doctest: +SKIP
>>> app = create_app(WebConfig(db="orgmap.db"))     # doctest: +SKIP
>>> app.run(host="127.0.0.1", port=8050)            # doctest: +SKIP
"""

from orgmap.web.app import PAGES, create_app
from orgmap.web.server import BackgroundServer, serve
from orgmap.web.state import WebConfig

__all__ = ["PAGES", "BackgroundServer", "WebConfig", "create_app", "serve"]
