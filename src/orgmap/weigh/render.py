"""Rich tables for ACH scores, sensitivity and the structural question (the CLI's view)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from orgmap.weigh.ach import ACHResult
from orgmap.weigh.sensitivity import Drop
from orgmap.weigh.structural import StructuralEffect

__all__ = ["render_score"]

STYLE = {"CC": "bold green", "C": "green", "N": "dim", "I": "red", "II": "bold red", "NA": "dim"}


def _cell(rating: str) -> str:
    return f"[{STYLE.get(rating, '')}]{escape(rating)}[/]"


def render_score(
    result: ACHResult,
    drops: list[Drop] | None,
    effect: StructuralEffect | None,
    console: Console | None = None,
) -> None:
    """Print the ranked matrix (items by diagnosticity), the scores, and the optional analyses.

    >>> from orgmap.model import Hypothesis, HypothesisItem
    >>> from orgmap.schema import load_schema
    >>> from orgmap.weigh.ach import score
    >>> hs = [Hypothesis("Qaani rules", "h1"), Hypothesis("The circle rules", "h2")]
    >>> items = [HypothesisItem("orders signed", ratings={"h1": "C", "h2": "I"}, key="e1")]
    >>> import io
    >>> out = io.StringIO()
    >>> render_score(score(hs, items, load_schema()), None, None, Console(file=out, width=120))
    >>> row = next(line for line in out.getvalue().splitlines() if "Qaani rules" in line)
    >>> [cell.strip() for cell in row.strip("│ ").split("│")]  # rank, hypothesis, inconsistency
    ['1', 'h1', '0.000', 'Qaani rules']
    """
    console = console or Console(highlight=False)
    hs = result.hypotheses
    matrix = Table(
        "item",
        "cred.",
        "rel.",
        *[f"{escape(h.key)} (#{h.rank_label})" for h in hs],
        "diag.",
        "evidence",
        title="ACH matrix - hypotheses least inconsistent first, items most diagnostic first",
    )
    for i in result.items:
        text = i.text if len(i.text) <= 70 else i.text[:67] + "..."
        matrix.add_row(
            escape(i.key),
            i.credibility,
            i.relevance,
            *[_cell(i.ratings.get(h.key, "NA")) for h in hs],
            f"{i.diagnosticity} ({i.weighted_diagnosticity:.2f})",
            escape(text),
        )
    matrix.add_section()
    matrix.add_row(
        "[bold]inconsistency[/]", "", "", *[f"[bold]{h.inconsistency:.3f}[/]" for h in hs], "", "weighted"
    )
    matrix.add_row("raw I/II", "", "", *[str(h.raw_inconsistency) for h in hs], "", "I = 1, II = 2")
    matrix.add_row("consistency", "", "", *[f"{h.consistency:.3f}" for h in hs], "", "shown, not ranked on")
    console.print(matrix)
    ranks = Table("rank", "key", "inconsistency", "statement", title="ranking")
    for h in hs:
        own = "" if h.origin == "source" else "[bold]analysts' own, argued by no source - ranked apart:[/] "
        ranks.add_row(h.rank_label, escape(h.key), f"{h.inconsistency:.3f}", own + escape(h.statement))
    console.print(ranks)
    for note in result.notes:
        console.print(f"[yellow]note:[/] {escape(note)}")
    if drops is not None:
        table = Table("dropped", "items", "ranking", "changes?", title="sensitivity: drop each in turn")
        for d in drops:
            verdict = (
                "[bold red]top changes[/]"
                if d.top_changed
                else ("[yellow]order changes[/]" if d.changed else "[green]stable[/]")
            )
            table.add_row(
                escape(d.label),
                str(len(d.dropped)),
                escape(" > ".join("=".join(g) for g in d.ranking)),
                verdict + ("".join(f"\n[dim]{escape(n)}[/]" for n in d.notes)),
            )
        console.print(table)
        changed = [d.label for d in drops if d.changed]
        console.print(
            f"ranking changes when dropping: {escape(', '.join(changed)) if changed else 'nothing'}"
        )
    if effect is not None:
        table = Table(
            "actor",
            "degree in/out",
            "betweenness in",
            "betweenness out",
            "rank in -> out",
            title=f"structural: {effect.contested} of {effect.total} relations contested "
            f"(left out in 'out'; {escape(effect.engine)})",
        )
        for r in effect.rows[:15]:
            table.add_row(
                escape(r.name),
                f"{r.degree_in}/{r.degree_out}",
                f"{r.betweenness_in:.3f}",
                f"{r.betweenness_out:.3f}",
                f"{r.rank_in} -> {r.rank_out}",
            )
        console.print(table)
