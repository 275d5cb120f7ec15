"""Entity resolution across documents: transliteration variants, short forms, acronyms.

>>> same_entity_name("Qods Force", "Quds Force"), same_entity_name("Hizballah", "Hezbollah")
(True, True)
>>> same_entity_name("Iraq", "Iran")
False
"""

from orgmap.resolve.candidates import MergeCandidate, merge_candidates
from orgmap.resolve.variants import phonetic_key, same_entity_name, variant_score

__all__ = ["MergeCandidate", "merge_candidates", "phonetic_key", "same_entity_name", "variant_score"]
