"""Relation pattern families over the dependency parse (see :mod:`orgmap.extract.relations`)."""
