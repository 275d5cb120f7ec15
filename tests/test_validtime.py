"""Valid time "after X" / "before Y": parsing, as-of reading, the seed case, the CLI and web timelines."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from orgmap.validtime import holds_on, parse_bound, period_words


@pytest.mark.parametrize(
    ("text", "end", "want"),
    [  # hand-written: "after" a period is after its last day, "before" it before its first
        ("after 2020-01-03", "from", (date(2020, 1, 3), "after")),
        ("after 2020", "from", (date(2020, 12, 31), "after")),
        ("before 2024", "to", (date(2024, 1, 1), "before")),
        ("Before 2024-02", "to", (date(2024, 2, 1), "before")),
        ("2023-02", "to", (date(2023, 2, 28), "")),
        ("2023-02", "from", (date(2023, 2, 1), "")),
        ("before 2019", "from", (date(2019, 1, 1), "before")),
        ("after 2021-06", "to", (date(2021, 6, 30), "after")),
    ],
)
def test_parse_bound(text, end, want):
    assert parse_bound(text, end) == want


@pytest.mark.parametrize("bad", ["since 2020", "after", "after 2020-13", "2020/01/03"])
def test_bad_bounds_are_one_line_errors(bad):
    with pytest.raises(ValueError, match="is not a date") as err:
        parse_bound(bad, "from")
    assert "\n" not in str(err.value)


def test_as_of_reads_open_bounds_as_exclusive():
    x, y = date(2020, 1, 3), date(2024, 12, 31)
    day = lambda d: date.fromordinal(x.toordinal() + d)
    assert [holds_on(day(d), start=x, start_bound="after") for d in (-1, 0, 1)] == [False, False, True]
    assert [holds_on(day(d), start=x) for d in (-1, 0, 1)] == [False, True, True]
    assert [holds_on(day(d), start=x, start_bound="before") for d in (-1, 0, 1)] == [False, True, True]
    ends = [holds_on(date(2024, 12, d), end=y, end_bound="before") for d in (30, 31)]
    assert ends == [True, False]
    assert holds_on(y, end=y, end_bound="after") and not holds_on(date(2025, 1, 1), end=y, end_bound="after")
    assert period_words(x, "after", y, "before") == "after 2020-01-03 to before 2024-12-31"


def test_the_seed_case_dates_the_succession_ties_after_and_ends_the_former_posts(qods_store):
    case = qods_store.default_case()
    rels = {r.assertion.key: r.assertion for r in qods_store.relations(case)}
    after = {k for k, a in rels.items() if a.valid_from_bound == "after"}
    assert {"circle-tie-proxy-leaderships", "unit-400-tie-proxy-leaderships", "qaani-allied-raisi"} <= after
    assert rels["qaani-leads-qf"].valid_from_bound == "" and rels["qaani-leads-qf"].valid_from == date(
        2020, 1, 3
    )
    assert all(rels[k].valid_from == date(2020, 1, 3) for k in after)
    for former in ("rezaei-leads-ip", "razavi-leads-iraq-logistics", "razavi-iraq"):
        assert (rels[former].valid_to, rels[former].valid_to_bound) == (date(2024, 12, 31), "before")
    current_2024 = {r.assertion.key for r in qods_store.relations(case, as_of=date(2024, 12, 31))}
    assert not current_2024 & {"rezaei-leads-ip", "razavi-leads-iraq-logistics", "razavi-iraq"}
    assert "razavi-leads-finance" in current_2024  # "currently head of Qods Force finance"
    on_the_day = {r.assertion.key for r in qods_store.relations(case, as_of=date(2020, 1, 3))}
    assert not on_the_day & after and "qaani-leads-qf" in on_the_day


def test_cli_timeline_draws_open_bounds_with_a_legend(qods_db, monkeypatch):
    from orgmap.cli import app
    from orgmap.cli.common import console

    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.setattr(console, "width", 200)  # the console may have been made before COLUMNS was set
    run = CliRunner().invoke(app, ["timeline", "--db", str(qods_db), "--entity", "Rezaei"])
    assert run.exit_code == 0, run.output
    row = next(line for line in run.output.splitlines() if "Saeed Rezaei leads" in line)
    assert "◀" in row and "○" in row and "until before 2024-12-31" in row
    assert "open bound: began after / ended before" in run.output
    data = json.loads(CliRunner().invoke(app, ["timeline", "--db", str(qods_db), "--json"]).output)
    raisi = next(t for t in data["tenures"] if t["who"] == "Esmail Qaani" and t["what"] == "Ibrahim Raisi")
    assert (raisi["from"], raisi["from_bound"], raisi["valid"]) == ("2020-01-03", "after", "after 2020-01-03")


def test_web_timeline_marks_open_ends_and_has_a_legend(qods_store):
    from orgmap.web.pages import timeline

    tenures, events = timeline.timeline_rows(qods_store, qods_store.default_case(), ["accepted"])
    fig = timeline.figure(tenures, events, {"formal": "#000", "informal": "#111"})
    bars = {tr.y[0]: tr for tr in fig.data if tr.mode == "lines+markers"}
    rezaei = next(tr for label, tr in bars.items() if label.startswith("Saeed Rezaei — leads"))
    assert tuple(rezaei.marker.symbol) == ("triangle-left", "circle-open")
    raisi = next(
        tr for label, tr in bars.items() if label.startswith("Esmail Qaani — allied with — Ibrahim Raisi")
    )
    assert tuple(raisi.marker.symbol) == ("circle-open", "triangle-right")
    qaani = next(tr for label, tr in bars.items() if label.startswith("Esmail Qaani — leads — Qods Force"))
    assert tuple(qaani.marker.symbol) == ("circle", "triangle-right")
    legend = [tr.name for tr in fig.data if tr.showlegend]
    assert any("open bound" in n for n in legend) and any("on that day" in n for n in legend)
