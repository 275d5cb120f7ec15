"""Curated cases: a ``case.yaml`` beside its documents, checked quote by quote."""

from orgmap.casefile.load import CASES_DIR, load_case, write_case
from orgmap.casefile.parse import CaseSpec, read_case
from orgmap.casefile.yamlines import CaseError

__all__ = ["CASES_DIR", "CaseError", "CaseSpec", "load_case", "read_case", "write_case"]
