"""Team scale: extraction fanned out over Dask, one writer into the store.

``ingest_distributed(store, case, paths, workers=N, scheduler=ADDRESS)`` is what
``orgmap ingest --workers N --scheduler ADDRESS`` calls.
"""

from orgmap.scale.cluster import ScaleError, open_client
from orgmap.scale.fanout import Outcome, ordered_map
from orgmap.scale.ingest import default_extract, ingest_distributed

__all__ = [
    "Outcome",
    "ScaleError",
    "default_extract",
    "ingest_distributed",
    "open_client",
    "ordered_map",
]
