"""Assemble, render and write the briefing.

>>> from orgmap.store import Store
>>> from orgmap.casefile import load_case, CASES_DIR
>>> store = Store.open(":memory:"); _ = load_case(store, CASES_DIR / "qods-force")
>>> html = render_html(build_brief(store, store.case_id("qods-force"), sections=("model",)))
>>> html.startswith("<!DOCTYPE html>") and "<script" not in html
True
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape

from orgmap.brief.evidence import Citations
from orgmap.brief.figures import network_png
from orgmap.store import Relation, Store

__all__ = ["SECTIONS", "build_brief", "render_html", "write_brief"]

HERE = Path(__file__).resolve().parent
#: sections that can be switched off (tests and quick drafts skip the slow ones)
SECTIONS = ("model", "actors", "whatif", "simulation", "ach")


#: the pictures show at most this many actors (the best connected); the lists show all
MAX_NODES = 70


def _figure(
    relations: list[Relation], layers: tuple[str, ...], seed: int, title: str
) -> dict[str, str] | None:
    chosen = [r for r in relations if r.layer in layers and r.subject.id != r.object.id]
    if not chosen:
        return None
    degree: dict[int, int] = {}
    for r in chosen:
        for e in (r.subject, r.object):
            degree[e.id] = degree.get(e.id, 0) + 1  # type: ignore[index]
    shown = len(degree)
    if shown > MAX_NODES:
        top = set(sorted(degree, key=lambda i: (-degree[i], i))[:MAX_NODES])
        chosen = [r for r in chosen if r.subject.id in top and r.object.id in top]
        title = f"{title} (the {MAX_NODES} best-connected of {shown} actors)"
    ids: dict[int, int] = {}
    nodes: list[tuple[str, str]] = []
    for r in sorted(chosen, key=lambda r: r.assertion.id):  # type: ignore[arg-type, return-value]
        for e in (r.subject, r.object):
            if e.id not in ids:
                ids[e.id] = len(nodes)  # type: ignore[index]
                nodes.append((e.name, e.type))
    edges = sorted({(ids[r.subject.id], ids[r.object.id], r.layer) for r in chosen})  # type: ignore[index]
    return {
        "src": network_png(nodes, edges, seed=seed, title=title),
        "alt": title,
        "caption": f"{title}: {len(nodes)} actors, {len(edges)} ties, drawn from the relations listed below "
        f"(layout seed {seed}).",
    }


def _community_figure(schema: Any, relations: list[Relation], seed: int) -> dict[str, str] | None:
    """Above :data:`MAX_NODES` actors, the whole network summarised: one circle per community
    (Leiden, every layer; sized by its members, named after its best-connected member), one
    line per pair of communities with ties between them. None for smaller cases."""
    from orgmap.network.measures.communities import communities
    from orgmap.network.view import EmptyView, view_from_relations

    try:
        view = view_from_relations(schema, relations)
    except EmptyView:
        return None
    if view.vcount() <= MAX_NODES:
        return None
    found = communities(view, seed=seed)
    degree = dict(zip(view.vs["name"], view.degree()))
    groups: dict[int, list[str]] = {}
    for name in sorted(found, key=lambda x: (-degree[x], x)):
        groups.setdefault(found[name], []).append(name)
    order = sorted(groups, key=lambda k: (-len(groups[k]), k))[:MAX_NODES]
    index = {k: i for i, k in enumerate(order)}
    names = view.vs["name"]
    pairs: dict[tuple[int, int], int] = {}
    for e in view.es:
        a, b = found[names[e.source]], found[names[e.target]]
        if a != b and a in index and b in index:
            key = (min(index[a], index[b]), max(index[a], index[b]))
            pairs[key] = pairs.get(key, 0) + 1
    nodes = [
        (f"{groups[k][0]} +{len(groups[k]) - 1:,}" if len(groups[k]) > 1 else groups[k][0], "community")
        for k in order
    ]
    edges = [(a, b, "informal") for a, b in sorted(pairs)]
    title = f"The whole network by community ({len(groups):,} communities of {view.vcount():,} actors"
    title += f"; the {len(order)} largest drawn)" if len(order) < len(groups) else ")"
    return {
        "src": network_png(nodes, edges, seed=seed, title=title, sizes=[len(groups[k]) for k in order]),
        "alt": title,
        "caption": f"{title}: each circle a community named after its best-connected actor, its area by "
        f"the actors in it; a line where ties cross between two communities ({sum(pairs.values()):,} ties in "
        f"{len(edges):,} lines; layout seed {seed}).",
    }


def _guarded(make: Any, what: str) -> dict[str, Any]:
    """A section built on another package; if that package fails, the briefing says so and goes on."""
    try:
        return make()
    except Exception as exc:
        return {"missing": [f"{what} failed: {type(exc).__name__}: {exc}"]}


def build_brief(
    store: Store, case_id: int, *, seed: int = 7, sections: Iterable[str] = SECTIONS, progress: Any = None
) -> dict[str, Any]:
    """Everything the template shows, as plain data (statements cite quotes)."""
    from orgmap.brief.analysis_sections import ach_section, actor_refs, key_actors
    from orgmap.brief.external import simulation_section, whatif_section
    from orgmap.brief.model_sections import informant_rows, relation_groups, source_appendix, timeline
    from orgmap.weigh.structural import contested_effect

    wanted = set(sections)
    unknown = wanted - set(SECTIONS)
    if unknown:
        raise ValueError(
            f"unknown briefing section(s) {', '.join(sorted(unknown))}; known: {', '.join(SECTIONS)}"
        )
    step = progress or (lambda label: None)
    case = store.find_case(case_id)
    sources = {s.id: s for s in store.sources(case_id)}
    cite = Citations(sources)  # type: ignore[arg-type]
    relations = store.relations(case_id)
    schema = store.schema
    roles = schema.roles
    formal_layers = (roles.command_layer,)
    informal_layers = tuple(x for x in schema.layers if x not in formal_layers)
    off = {"missing": ["left out of this briefing"]}
    step("the formal chain and the informal web")
    ctx: dict[str, Any] = {
        "case": case,
        "seed": seed,
        "counts": {"relations": len(relations), "sources": len(sources)},
        "formal": relation_groups(cite, relations, formal_layers),
        "informal": relation_groups(cite, relations, informal_layers),
        "figures": [
            f
            for f in (
                _figure(relations, formal_layers, seed, "Formal chain"),
                _figure(
                    relations, (roles.ties_layer, roles.conflict_layer), seed, "Informal web and rivalries"
                ),
                _community_figure(schema, relations, seed),
            )
            if f
        ]
        if "model" in wanted
        else [],
    }
    step("key actors and brokers")
    ctx["actors"] = (
        _guarded(lambda: key_actors(store, case_id, cite, relations, seed=seed), "network measures")
        if "actors" in wanted
        else off
    )
    structural = None
    if "actors" in wanted and relations:
        effect = contested_effect(store, case_id)
        rows = []
        by_name = {e.name: e.id for r in relations for e in (r.subject, r.object)}
        for row in effect.rows[:8]:
            st = cite.statement(row.name, actor_refs(cite, relations, by_name.get(row.name, -1)))
            rows.append({**vars(row), "anchor": st.anchor, "refs": st.refs})
        structural = {"contested": effect.contested, "total": effect.total, "rows": rows}
    ctx["structural"] = structural
    step("succession what-if")
    ctx["whatif"] = (
        _guarded(lambda: whatif_section(store, case_id, cite, relations, seed=seed), "the what-if")
        if "whatif" in wanted
        else off
    )
    step("simulation")
    ctx["simulation"] = (
        _guarded(
            lambda: simulation_section(store, case_id, cite, relations, seed=seed, progress=step),
            "the simulation",
        )
        if "simulation" in wanted
        else off
    )
    step("competing hypotheses")
    ctx["ach"] = ach_section(store, case_id, cite) if "ach" in wanted else off
    step("timeline and sources")
    ctx["timeline"] = timeline(store, case_id, cite, relations)
    ctx["informants"] = informant_rows(store, case_id)
    ctx["sources"] = source_appendix(store, case_id, cite)
    ctx["source_titles"] = {s["id"]: s["title"] for s in ctx["sources"]}
    ctx["quotes"] = cite.quotes
    ctx["statement_count"] = cite.statements
    return ctx


def render_html(context: dict[str, Any]) -> str:
    """Render the template with autoescaping on (source text is shown as text, never markup)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        __version__ = version("orgmap")
    except PackageNotFoundError:
        __version__ = "dev"
    env = Environment(
        loader=FileSystemLoader(str(HERE)),
        autoescape=select_autoescape(default=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    css = (HERE / "brief.css").read_text(encoding="utf-8")
    return env.get_template("brief.html").render(css=css, version=__version__, **context)


def write_brief(
    store: Store,
    case_id: int,
    out: Path | str,
    *,
    pdf: Path | str | None = None,
    seed: int = 7,
    sections: Iterable[str] = SECTIONS,
    progress: bool = False,
) -> dict[str, Any]:
    """Write the HTML (and the PDF when asked); returns counts and what was missing."""
    from orgmap.brief.pdf import find_chromium, html_to_pdf

    if pdf is not None and find_chromium() is None:  # fail before the slow part
        html_to_pdf(Path(out), Path(pdf))
    bar = None
    if progress:
        from rich.progress import Progress

        bar = Progress(transient=True)
    with bar or nullcontext():
        task = bar.add_task("briefing", total=len(SECTIONS) + 2) if bar else None

        def step(label: str) -> None:
            if bar is not None:
                bar.update(task, description=label, advance=0 if label.startswith("simulating") else 1)

        ctx = build_brief(store, case_id, seed=seed, sections=sections, progress=step)
    html = render_html(ctx)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(html, encoding="utf-8")
    tmp.replace(out)
    if pdf is not None:
        html_to_pdf(out, Path(pdf))
    missing = [
        f"{name}: {m}"
        for name in ("actors", "whatif", "simulation", "ach")
        for m in ctx[name].get("missing", [])
    ]
    return {
        "html": str(out),
        "pdf": str(pdf) if pdf else None,
        "statements": ctx["statement_count"],
        "quotes": len(ctx["quotes"]),
        "missing": missing,
    }
