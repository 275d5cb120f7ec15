"""Documents in: read files, split sentences, extract candidates, store them.

>>> from orgmap.ingest import ingest_paths, read_document
"""

from orgmap.ingest.decode import MAX_DOCUMENT_BYTES, UnreadableDocument, decode_bytes, read_text_file
from orgmap.ingest.index import EntityIndex
from orgmap.ingest.readers import Document, read_document
from orgmap.ingest.run import IngestReport, IngestRow, ingest_paths, iter_files
from orgmap.ingest.write import write_result

__all__ = [
    "MAX_DOCUMENT_BYTES",
    "Document",
    "EntityIndex",
    "IngestReport",
    "IngestRow",
    "UnreadableDocument",
    "decode_bytes",
    "ingest_paths",
    "iter_files",
    "read_document",
    "read_text_file",
    "write_result",
]
