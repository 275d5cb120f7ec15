"""The Python API: open a store, get a case, read it, analyse it, export it.

:func:`open` gives an :class:`Orgmap` handle; :meth:`Orgmap.case` a :class:`Case`;
:mod:`orgmap.api.records` the plain-data shapes the CLI's ``--json`` prints. ``import
orgmap`` gives the same names (``orgmap.open``, ``orgmap.Case``). See docs/api.md.
"""

from orgmap.api.analysis import Analysis
from orgmap.api.case import Case
from orgmap.api.handle import Orgmap, open

__all__ = ["Analysis", "Case", "Orgmap", "open"]
