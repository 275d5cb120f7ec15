"""Rich rendering of summaries and profiles. All text from sources goes through esc()."""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from rich.columns import Columns
from rich.panel import Panel
from rich.table import Table
from rich.tree import Tree

from orgmap.cli.common import console, esc
from orgmap.validtime import span_text

MODALITY_STYLE = {
    "asserted": "green",
    "reported": "yellow",
    "believed": "magenta",
    "hedged": "bright_red",
    "denied": "red",
}


def _mod(modality: str) -> str:
    return f"[{MODALITY_STYLE.get(modality, 'white')}]{modality}[/]"


def _counts(title: str, counts: dict[str, int]) -> str:
    return f"[bold]{title}[/] " + ", ".join(
        f"{v} {esc(k)}" for k, v in sorted(counts.items(), key=lambda x: -x[1])
    )


def render_summary(s: dict[str, Any], db: str) -> None:
    c = s["counts"]
    console.print(
        Panel.fit(
            "\n".join(
                [
                    _counts("entities:", c["entities"]),
                    _counts("relations by layer:", c["relations"]),
                    _counts("relations by modality:", c["modalities"]),
                    f"[bold]sources:[/] {c['sources']}   [bold]hypotheses:[/] {c['hypotheses']}",
                ]
            ),
            title=f"case [bold]{esc(s['case'])}[/]",
        )
    )
    tree = Tree("[bold]Formal chain of command[/] (part_of, leads, deputy_of, member_of)")
    stack: list[Any] = [tree]
    for node in s["formal_chain"]:
        del stack[node["depth"] + 1 :]
        label = f"[bold cyan]{esc(node['organization'])}[/]"
        if node["holders"]:
            label += (
                "  "
                + "; ".join(
                    f"{h['role'].replace('_of', '').replace('leads', 'head')}: {esc(h['who'])}"
                    + (f" [dim]({esc(h['when'])})[/]" if h["when"] else "")
                    for h in node["holders"][:6]
                )
                + (" …" if len(node["holders"]) > 6 else "")
            )
        stack.append(stack[-1].add(label))
    console.print(tree)
    change = s.get("informal_change")
    if change:
        console.print(
            Columns(
                [
                    _holders(change["before"], f"Who holds the informal ties before {change['date']}"),
                    _holders(change["after"], f"… and after {change['date']}"),
                ]
            )
        )
    else:
        console.print(_holders(s["informal_holders"], "Who holds the informal ties"))
    table = Table(
        "rival", "against", "modality", "evidence", title="Rivals and opponents", title_justify="left"
    )
    for r in s["rivals"]:
        table.add_row(esc(r["who"]), esc(r["against"]), _mod(r["modality"]), esc(_clip(r["quote"])))
    console.print(table)
    console.print("[bold]Contested claims and who makes them[/]")
    for who, claims in s["contested"].items():
        console.print(f"  [bold]{esc(who)}[/] ({len(claims)})")
        for cl in claims[:5]:
            console.print(
                f"    {_mod(cl['modality'])} {cl['grade']}  {esc(cl['claim'])}: "
                f"[dim]“{esc(_clip(cl['quote'], 90))}”[/]"
            )
    if s["hypotheses"]:
        console.print("[bold]Competing hypotheses[/]")
        for h in s["hypotheses"]:
            console.print(f"  {esc(h['key'])}: {esc(h['statement'])}")
    console.print(
        Panel.fit(
            f"orgmap show Qaani --db {esc(db)}          everything about one actor, with quotes\n"
            f"orgmap relations --layer informal --as-of 2019 --db {esc(db)}\n"
            f"orgmap relations --layer informal --as-of 2024 --db {esc(db)}   the web before and after\n"
            f"orgmap export --json --db {esc(db)}       the whole model for other tools",
            title="where to go next",
        )
    )


def _holders(rows: list[dict[str, Any]], title: str) -> Table:
    table = Table("who", "ties", "with (some)", title=title, title_justify="left")
    for h in rows:
        table.add_row(esc(h["who"]), str(h["ties"]), esc(", ".join(h["with"][:3])))
    return table


def _clip(text: str, n: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def as_text(value: Any) -> str:
    """A value as a reader writes it: lists joined by commas, mappings as ``key: value``.

    >>> as_text(["chief executive", "founder"]), as_text({"kind": "unit", "size": 40}), as_text(7)
    ('chief executive, founder', 'kind: unit; size: 40', '7')
    """
    if isinstance(value, (list, tuple, set)):
        return ", ".join(as_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {as_text(v)}" for k, v in value.items())
    return str(value)


def render_profile(p: dict[str, Any]) -> None:
    head = f"[bold]{esc(p['name'])}[/] ({p['type']}, #{p['id']})"
    if p["aliases"]:
        head += f"  also: {esc(', '.join(p['aliases']))}"
    console.print(head)
    if p["attributes"]:
        console.print("  " + ", ".join(f"{esc(k)}: {esc(as_text(v))}" for k, v in p["attributes"].items()))
    for title, lines in [("posts", p["posts"]), *p["sections"].items()]:
        if not lines:
            continue
        console.print(f"\n[bold underline]{esc(title)}[/]")
        for line in lines:
            when = span_text(SimpleNamespace(**line))
            console.print(
                f"  {esc(line['relation'])}  {_mod(line['modality'])} {line['grade']}"
                + (f" [dim]{esc(when)}[/]" if when else "")
                + (f"  [dim]per {esc(line['attribution'])}[/]" if line["attribution"] else "")
            )
            for ev in line["evidence"]:
                console.print(f"      [dim]“{esc(_clip(ev['quote'], 110))}” — {esc(ev['source'])}[/]")
