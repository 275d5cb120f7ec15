"""The briefing: a self-contained HTML report (and PDF) an analyst can hand on.

Sections: the formal chain and informal web (network pictures), key actors and brokers
with intervals, the succession what-if, simulated trajectories, the ACH matrix with the
most diagnostic evidence, the timeline, the evidence quotes and the sources with grades.
Every statement links to its quotes; every quote to its place in its source.
Jinja2 with autoescaping, inline CSS and base64 PNGs: nothing is fetched when it opens.
"""

from orgmap.brief.build import SECTIONS, build_brief, render_html, write_brief
from orgmap.brief.pdf import ChromiumMissing, html_to_pdf

__all__ = ["SECTIONS", "ChromiumMissing", "build_brief", "html_to_pdf", "render_html", "write_brief"]
