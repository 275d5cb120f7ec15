"""Text for Plotly figures: Plotly reads a few HTML tags in labels, so escape first.

>>> plot_text("<b>x</b>")
'&lt;b&gt;x&lt;/b&gt;'
"""

from __future__ import annotations

import html

__all__ = ["plot_text"]


def plot_text(text: object) -> str:
    """Source-derived text made safe for Plotly labels, titles and hover text."""
    return html.escape(str(text), quote=False)
