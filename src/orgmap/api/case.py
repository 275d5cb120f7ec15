"""A case of an open store: its model as objects or DataFrames, its analyses, its exports.

Every method calls the same function the CLI and the web app call, and returns what their
``--json`` prints (``orgmap relations --json`` is ``[relation_record(r) ...]``, and so on).

>>> import orgmap
>>> om = orgmap.open(":memory:")
>>> case = om.create_case("demo")
>>> case.name, case.entities(), case.relations()
('demo', [], [])
>>> case.as_of("2019").date
datetime.date(2019, 12, 31)
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from orgmap.api.analysis import Analysis, regroup, run_analysis
from orgmap.api.records import (
    ENTITY_FIELDS,
    RELATION_FIELDS,
    ach_record,
    corroboration_record,
    entity_record,
    grades_record,
    hypotheses_record,
    keyplayers_record,
    relation_record,
)
from orgmap.model import Case as CaseRecord
from orgmap.model import Entity
from orgmap.store import Relation, Store

__all__ = ["Case", "parse_when"]


def parse_when(when: date | str | int | None) -> date | None:
    """A date as given, or the last day of ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (as ``--as-of``).

    >>> parse_when("2019-02"), parse_when(2020)
    (datetime.date(2019, 2, 28), datetime.date(2020, 12, 31))
    """
    if when is None or isinstance(when, date):
        return when
    from orgmap.casefile.spans import parse_period

    return parse_period(str(when))[1]


def _statuses(status: str | Sequence[str] | None) -> list[str] | None:
    """``"accepted"``, ``"accepted,candidate"``, a list, or ``"all"``/``None`` for every status."""
    if status is None or status == "all":
        return None
    if isinstance(status, str):
        return [s.strip() for s in status.split(",")]
    return list(status)


def _layers(layer: str | Sequence[str] | None) -> list[str] | None:
    if layer is None:
        return None
    return [layer] if isinstance(layer, str) else list(layer) or None


class Case:
    """One case: name, id, title; reads, views, analyses and exports over it.

    Got from :meth:`orgmap.Orgmap.case` (by name or id). ``as_of(when)`` gives the same case
    seen on a date: its relations, graph and analyses keep only what held then.
    """

    def __init__(self, store: Store, record: CaseRecord, date: date | None = None):
        self.store = store
        self.record = record
        self.date = date

    @property
    def id(self) -> int:
        return self.record.id  # type: ignore[return-value]

    @property
    def name(self) -> str:
        return self.record.name

    @property
    def title(self) -> str:
        return self.record.title or self.record.name

    def __repr__(self) -> str:
        when = f" as of {self.date}" if self.date else ""
        return f"<orgmap case {self.name!r} #{self.id}{when}>"

    def as_of(self, when: date | str | int | None) -> Case:
        """This case seen on ``when`` (a date, ``"2019"``, ``"2019-06"``…; ``None``: every date)."""
        return Case(self.store, self.record, parse_when(when))

    # -- the model ------------------------------------------------------------------
    def entities(self, type: str | None = None) -> list[Entity]:
        """The case's entities (merged ones folded into their survivor), optionally of one type."""
        return self.store.entities(self.id, type=type)

    def entity(self, name: str) -> Entity:
        """The entity called ``name`` (any alias, or ``#ID``)."""
        return self.store.find_entity(self.id, name)

    def relations(
        self,
        layer: str | Sequence[str] | None = None,
        *,
        types: Sequence[str] | None = None,
        entity: str | None = None,
        min_grade: str | None = None,
        status: str | Sequence[str] | None = "accepted",
    ) -> list[Relation]:
        """Relations (each with its assertion and evidence), filtered as ``orgmap relations``."""
        if min_grade:
            self.store.schema.parse_grade(min_grade)
        return self.store.relations(
            self.id,
            layer=_layers(layer),
            as_of=self.date,
            min_grade=min_grade,
            status=_statuses(status),
            entity=entity,
            types=list(types) if types else None,
        )

    def entity_records(self, type: str | None = None) -> list[dict[str, Any]]:
        """The entities as plain data (``orgmap entities --json``)."""
        return [entity_record(e) for e in self.entities(type)]

    def relation_records(
        self, layer: str | Sequence[str] | None = None, **filters: Any
    ) -> list[dict[str, Any]]:
        """The relations as plain data (``orgmap relations --json``); filters as :meth:`relations`."""
        found = self.relations(layer, **filters)
        only_accepted = _statuses(filters.get("status", "accepted")) == ["accepted"]
        successors = {} if only_accepted else self.store.successors(self.id)
        return [relation_record(r, successors) for r in found]

    def entities_frame(self, type: str | None = None) -> Any:
        """The entities as a pandas DataFrame indexed by id."""
        import pandas as pd

        return pd.DataFrame(self.entity_records(type), columns=list(ENTITY_FIELDS)).set_index("id")

    def relations_frame(self, layer: str | Sequence[str] | None = None, **filters: Any) -> Any:
        """The relations as a pandas DataFrame indexed by assertion id; filters as :meth:`relations`."""
        import pandas as pd

        rows = self.relation_records(layer, **filters)
        return pd.DataFrame(rows, columns=list(RELATION_FIELDS)).set_index("assertion_id")

    def profile(self, name: str) -> dict[str, Any]:
        """Everything known about one entity, each line with its quote (``orgmap show --json``)."""
        from orgmap.report.profile import entity_profile

        return entity_profile(self.store, self.id, name)

    def summary(self) -> dict[str, Any]:
        """What the model shows: counts, chain of command, informal ties, contested claims
        (``orgmap demo --json``)."""
        from orgmap.report.summary import case_summary

        return case_summary(self.store, self.id)

    # -- analyses -------------------------------------------------------------------
    def graph(
        self,
        layer: str | Sequence[str] | None = None,
        *,
        min_grade: str | None = None,
        status: str | Sequence[str] | None = "accepted",
        keep: Any = None,
    ) -> Any:
        """The view the analyses use: an igraph multigraph of actors and typed, graded ties
        (:func:`orgmap.network.build_view`; ``orgmap.network.to_networkx`` converts it).
        ``keep``: a :class:`orgmap.network.KeepRule` overriding the sampling probabilities."""
        from orgmap.network import build_view

        return build_view(
            self.store,
            self.id,
            as_of=self.date,
            layers=_layers(layer),
            min_grade=min_grade,
            status=_statuses(status),
            keep_rule=keep,
        )

    def analyze(
        self,
        layer: str | Sequence[str] | None = None,
        *,
        measures: Sequence[str] | None = None,
        min_grade: str | None = None,
        status: str | Sequence[str] | None = "accepted",
        directed: bool = False,
        weighted: bool = False,
        samples: int = 0,
        seed: int = 0,
        top_k: int = 3,
        group_by: str = "group",
        pivots: int | None = None,
        workers: int = 0,
        until_stable: float | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> Analysis:
        """Centralities, structural holes, brokerage, communities (``orgmap analyze``).

        With ``samples`` every measure is a mean with its 5-95 % interval and P(top ``top_k``)
        over views sampled by credibility; ``until_stable`` stops sampling early once nothing
        moves by more than it, ``workers`` spreads the samples over processes (same numbers).
        ``pivots``: ``None`` chooses (exact up to 2,000 actors), 0 exact, N sampled pivots.
        ``.to_dict()`` is the ``--json`` shape, ``.frame()`` a DataFrame of actors by measures.
        """
        graph = self.graph(layer, min_grade=min_grade, status=status)
        regroup(graph, group_by)
        return run_analysis(
            graph,
            measures,
            directed=directed,
            weighted=weighted,
            samples=samples,
            seed=seed,
            top_k=top_k,
            pivots=pivots,
            workers=workers,
            until_stable=until_stable,
            progress=progress,
        )

    def keyplayers(
        self,
        k: int = 2,
        *,
        goal: str = "fragmentation",
        m: int = 2,
        seed: int = 0,
        layer: str | Sequence[str] | None = None,
        pivots: int | None = None,
    ) -> dict[str, Any]:
        """The ``k`` actors whose removal fragments the view most, or who reach most of it
        (``orgmap keyplayers --json``); ``pivots`` as for :meth:`whatif`."""
        from orgmap.network.measures import key_players

        found = key_players(self.graph(layer), k, goal=goal, m=m, seed=seed, pivots=pivots)
        return keyplayers_record(found, goal=goal, k=k, m=m)

    def whatif(
        self,
        *scenarios: str | Path,
        samples: int = 100,
        seed: int = 0,
        progress: Callable[[int], None] | None = None,
        pivots: int | None = None,
    ) -> dict[str, Any]:
        """Remove, replace or purge actors and compare with the baseline (``orgmap whatif --json``).

        A scenario is a YAML path or the name of one shipped with the case
        (``"as-it-happened"``); each scenario carries its own date and layers. ``pivots``:
        brokerage from that many sampled pivots (0: exact; None: chosen by the view's size).
        """
        from orgmap.casefile import CASES_DIR
        from orgmap.network.whatif import load_whatif_scenario, resolve_scenario_paths, run_scenarios

        paths = resolve_scenario_paths([str(s) for s in scenarios], CASES_DIR / self.name)
        loaded = [load_whatif_scenario(p, self.store.schema) for p in paths]
        return run_scenarios(
            self.store, self.id, loaded, progress=progress, samples=samples, seed=seed, pivots=pivots
        )

    def simulate(
        self,
        scenario: str | Path,
        *,
        runs: int | None = None,
        seed: int | None = None,
        workers: int | None = None,
    ) -> Any:
        """Run a succession scenario as an ensemble (``orgmap simulate``) on this case.

        ``scenario`` is a YAML path or the name of one shipped with the case (``"succession"``).
        The result has ``summary_text()``, ``to_frame()``, ``plot(path)`` and ``write(folder)``;
        :func:`orgmap.api.records.simulation_record` gives the ``--json`` entry.
        """
        from orgmap.casefile import CASES_DIR
        from orgmap.simulate import load_simulation_scenario, run_ensemble

        path = Path(scenario)
        if not path.is_file():
            shipped = {p.stem: p for p in sorted((CASES_DIR / self.name / "scenarios").glob("*.yaml"))}
            if str(scenario) not in shipped:
                known = ", ".join(shipped) or "none shipped with this case"
                raise ValueError(f"no scenario file {str(scenario)!r} (shipped scenarios: {known})")
            path = shipped[str(scenario)]
        loaded = load_simulation_scenario(path)
        if loaded.case != self.name:
            raise ValueError(f"{path}: the scenario is about case {loaded.case!r}, not {self.name!r}")
        return run_ensemble(loaded, self.store, runs=runs, seed=seed, workers=workers)

    def hypotheses(self, *, sensitivity: bool = False, structural: bool = False) -> dict[str, Any]:
        """The competing hypotheses ranked by weighted inconsistency, each item's diagnosticity
        and, when asked, what dropping each source changes (``orgmap hypotheses score --json``)."""
        from orgmap.weigh.sensitivity import case_ach, drop_groups, run_sensitivity
        from orgmap.weigh.structural import contested_effect

        hs, items, result = case_ach(self.store, self.id)
        drops = (
            run_sensitivity(hs, items, self.store.schema, drop_groups(self.store, self.id, items))
            if sensitivity
            else None
        )
        effect = contested_effect(self.store, self.id) if structural else None
        return ach_record(result, drops, effect)

    def hypothesis_records(self) -> dict[str, Any]:
        """The hypotheses and evidence items with their ratings (``orgmap hypotheses list --json``)."""
        return hypotheses_record(self.store.hypotheses(self.id), self.store.items(self.id))

    def grades(self, *, assertions: bool = False) -> dict[str, Any]:
        """The Admiralty grades of the sources and informants (and assertions) (``orgmap grade --json``)."""
        rows = self.store.assertions(self.id) if assertions else []
        return grades_record(self.store.sources(self.id), self.store.informants(self.id), rows)

    def corroboration(self, min_sources: int = 1) -> list[dict[str, Any]]:
        """How many independent sources state each relation (``orgmap corroboration --json``)."""
        from orgmap.weigh.corroboration import corroborate

        found = corroborate(self.store, self.id)
        return [corroboration_record(c) for c in found if c.independent >= min_sources]

    # -- completing the model by hand ----------------------------------------------------
    def quote(self, document: str | int, text: str, *, occurrence: int | None = None) -> Any:
        """The evidence span of ``text`` in a stored document (id, key, title or file name),
        as ``orgmap add --doc … --quote …`` finds it; see :func:`orgmap.resolve.edits.locate`."""
        from orgmap.resolve.edits import locate

        return locate(self.store, self.id, document, quote=text, occurrence=occurrence)

    def add_entity(
        self, etype: str, evidence: Any, *, name: str | None = None, who: str | None = None, why: str = ""
    ) -> Any:
        """Add an entity named by ``evidence`` (:meth:`quote`), recorded as a judgement by
        ``who`` (default: $ORGMAP_USER or the login name) — ``orgmap add entity``."""
        from orgmap.model import default_who
        from orgmap.resolve.edits import add_entity

        return add_entity(self.store, self.id, etype, evidence, name=name, who=who or default_who(), why=why)

    def add_relation(
        self,
        subject: str | int,
        predicate: str,
        obj: str | int,
        evidence: Any,
        *,
        qualifier: str | None = None,
        valid_from: str | None = None,
        valid_to: str | None = None,
        who: str | None = None,
        why: str = "",
    ) -> Any:
        """Add ``subject -predicate-> obj`` stated by ``evidence`` (:meth:`quote`), dated
        ``valid_from``/``valid_to`` ("2019", "after 2020-01-03") — ``orgmap add relation``.

        >>> import orgmap, tempfile
        >>> from orgmap.model import Source
        >>> om = orgmap.open(tempfile.mktemp(suffix=".db"), create=True)
        >>> case = om.create_case("memo")
        >>> _ = om.store.add_source(case.id, Source(text="Omar Saleh reports to Ali Reza.", key="memo"))
        >>> for who in ("Omar Saleh", "Ali Reza"):
        ...     _ = case.add_entity("person", case.quote("memo", who), who="ann")
        >>> tie = case.add_relation("Omar Saleh", "reports_to", "Ali Reza",
        ...                         case.quote("memo", "Omar Saleh reports to Ali Reza"), valid_from="2019", who="ann")
        >>> [(r.subject.name, r.type, r.object.name, r.assertion.period) for r in case.relations()]
        [('Omar Saleh', 'reports_to', 'Ali Reza', 'from 2019-01-01')]
        """
        from orgmap.model import default_who
        from orgmap.resolve.edits import Claim, add_relation

        return add_relation(
            self.store,
            self.id,
            subject,
            predicate,
            obj,
            evidence,
            claim=Claim(valid_from=valid_from, valid_to=valid_to),
            qualifier=qualifier,
            who=who or default_who(),
            why=why,
        )

    # -- sharing --------------------------------------------------------------------
    def export(
        self, fmt: str = "json", out: str | Path | None = None, *, status: str | None = "accepted"
    ) -> Any:
        """Write the case as ``fmt`` (``orgmap formats`` lists them) to ``out``; its notes.

        Without ``out`` the text is returned instead (formats that need a folder, csv and
        case with its documents, want ``out``).
        """
        from orgmap.exports import FORMATS

        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; known: {', '.join(sorted(FORMATS))}")
        status = None if status == "all" else status
        if out is not None:
            return FORMATS[fmt](self.store, self.id, Path(out), status=status)
        buffer = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        with contextlib.redirect_stdout(buffer):
            FORMATS[fmt](self.store, self.id, None, status=status)
        buffer.flush()
        return buffer.buffer.getvalue().decode("utf-8")  # type: ignore[attr-defined]
