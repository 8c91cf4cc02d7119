"""`samverkan gaps` and `samverkan diff` as a process leader runs them."""

from __future__ import annotations

import json
import re
from pathlib import Path

from helpers import ACTORS_HEADER, CONTACTS_HEADER, REFERENCE_MAP, write_workbook


def test_gaps_prints_a_readable_table_in_swedish(run_cli, small_workbook: Path) -> None:
    result = run_cli("gaps", small_workbook, "--at", "2017-04-30")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert re.search(r"^1\. \[HÖG\] AF:s kontor i Kävlinge har stängt \(\d+ poäng\)$", out, re.M)
    assert "Varför:  hög allvarlighet, 2 organisationer" in out
    assert "Regler:  lost-local-presence" in out
    assert "Aktörer: AF:s kontor i Kävlinge, Arbetsförmedlingen och Kävlinge kommun" in out
    assert "Källor:  karta.xlsx, blad Händelser, rad 2" in out
    # the label once per finding, its rows of evidence aligned under it
    first = out.split("\n\n")[0]
    assert first.count("Källor:") == 1
    assert re.search(r"^ {13}karta\.xlsx, blad \w+, rad \d+", first, re.M)
    assert re.search(
        r"\d+ fynd av \d+ \(\d+ flaggor från reglerna\): 1 hög, \d+ medel, \d+ låg", out
    )
    assert "(er)" not in out and "(ar)" not in out


def test_gaps_ranks_findings_shows_the_top_and_all_with_all(run_cli) -> None:
    reference_map_dir = REFERENCE_MAP
    top = json.loads(run_cli("gaps", reference_map_dir, "--json").stdout)
    every = json.loads(run_cli("gaps", reference_map_dir, "--json", "--all").stdout)
    assert len(top["findings"]) == 10 and top["findings_total"] == len(every["findings"]) > 10
    scores = [f["score"] for f in every["findings"]]
    assert scores == sorted(scores, reverse=True)
    assert [f["rank"] for f in every["findings"]] == list(range(1, len(scores) + 1))
    first = every["findings"][0]
    assert first["why"].startswith("hög allvarlighet") and first["flags"]
    subjects = [f["subject"] for f in every["findings"]]
    assert len(subjects) == len(set(subjects))  # one finding per subject
    table = run_cli("gaps", reference_map_dir, "--top", "3").stdout
    assert re.search(r"^3\. \[", table, re.M) and not re.search(r"^4\. \[", table, re.M)
    assert "Visa alla med --all." in table


def test_a_wrapped_line_keeps_to_its_column(run_cli, monkeypatch) -> None:
    """A source row or a list of actors that wraps goes on under its text, never under the
    label: 'Finsam-aktivitet' at the margin read as a line of the explanation."""
    monkeypatch.setenv("COLUMNS", "100")
    table = run_cli("gaps", REFERENCE_MAP, "--top", "3").stdout
    lines = table.splitlines()
    assert (
        "    Källor:  grunddata.xlsx, blad Målgrupper, rad 6, källa Rapporten: Unga vuxna – Bakgrund"
        in lines
    )
    assert (
        "             unga-vuxna.xlsx, blad Glapp och önskemål, rad 4, källa Rapporten: Tankar om en ny"
        in lines
    )
    assert "               Finsam-aktivitet" in lines  # deeper than the next row begins
    assert "             samordnare Lomma och Arbetsförmedlingen" in lines  # under the actors
    assert "             regler" in lines  # under "Varför:"
    assert max(len(line) for line in lines) <= 100


def test_findings_carry_their_sources_as_data_and_explanations_name_none(run_cli) -> None:
    """The rules write no sources into explanations; the JSON gives them as records."""
    data = json.loads(run_cli("gaps", REFERENCE_MAP, "--json", "--all").stdout)
    keys = {"id", "title", "file", "sheet", "row"}
    for finding in data["findings"]:
        assert finding["sources"], finding["title"]
        assert all(set(source) == keys for source in finding["sources"])
        for flag in finding["flags"]:
            assert flag["sources"] and {s["file"] for s in flag["sources"]} <= {
                s["file"] for s in finding["sources"]
            }
            # no sentence listing the flag's sources at the end of its explanation
            titles = list(dict.fromkeys(s["title"] for s in flag["sources"] if s["title"]))
            assert not titles or not flag["explanation"].endswith("; ".join(titles) + ".")
    named = [s for f in data["findings"] for s in f["sources"] if s["id"]]
    assert named and all(s["title"] and s["row"] for s in named)


def test_gaps_as_json_for_scripts_in_english(run_cli, small_workbook: Path) -> None:
    result = run_cli("gaps", small_workbook, "--at", "2017-04-30", "--json", "--lang", "en")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["day"] == "2017-04-30"
    first = data["flags"][0]
    assert first["rule"] == "lost-local-presence" and first["severity"] == "high"
    assert first["title"] == "AF:s kontor i Kävlinge has closed"
    assert {k: first["evidence"][0][k] for k in ("file", "sheet", "row")} == {
        "file": "karta.xlsx",
        "sheet": "Händelser",
        "row": 2,
    }
    assert {"id": "af-kavlinge", "name": "AF:s kontor i Kävlinge"} in first["actors"]


def test_min_severity_filters_and_fail_on_sets_the_exit_code(run_cli, small_workbook: Path) -> None:
    high = run_cli("gaps", small_workbook, "--at", "2017-04-30", "--min-severity", "hög", "--json")
    assert {f["severity"] for f in json.loads(high.stdout)["flags"]} == {"high"}
    assert run_cli("gaps", small_workbook, "--at", "2017-04-30", "--fail-on", "high").exit_code == 1
    before = run_cli("gaps", small_workbook, "--at", "2017-01-01", "--fail-on", "hög")
    assert before.exit_code == 0, before.stdout
    bad = run_cli("gaps", small_workbook, "--fail-on", "kritisk")
    assert bad.exit_code == 2 and "ingen allvarlighetsgrad" in bad.stderr
    english = run_cli("gaps", small_workbook, "--min-severity", "critical", "--lang", "en")
    assert english.exit_code == 2
    assert "'critical' is not a severity; choose low, medium or high" in english.stderr
    assert "allvarlighetsgrad" not in english.stderr


def test_a_top_that_is_no_count_is_refused_in_words(run_cli, small_workbook: Path) -> None:
    """Not click's 'ligger inte inom intervallet x>=1', which no process leader reads."""
    for value in ("0", "-3", "tio"):
        bad = run_cli("gaps", small_workbook, "--top", value)
        assert bad.exit_code == 2
        assert f"'{value}' är inget antal fynd: ange ett heltal, 1 eller fler" in bad.stderr
        assert "x>=1" not in bad.stderr
    english = run_cli("gaps", small_workbook, "--top", "0", "--lang", "en")
    assert "'0' is not a number of findings: give a whole number, 1 or more" in english.stderr
    assert "x>=1" not in run_cli("gaps", "--help").stdout
    assert run_cli("gaps", small_workbook, "--top", "1").exit_code == 0


def test_rule_settings_come_from_samverkan_toml_and_bad_ones_exit_2(
    run_cli, tmp_path: Path
) -> None:
    project = tmp_path / "p"
    project.mkdir()
    write_workbook(
        project / "karta.xlsx",
        {
            "Aktörer": [
                ACTORS_HEADER,
                ["a", "A kommun", "kommun", None, None, None, None],
                ["b", "B kommun", "kommun", None, None, None, None],
            ],
            "Kontakter": [
                CONTACTS_HEADER,
                ["A kommun", "B kommun", "operativ", None, "svag", None, None],
            ],
        },
    )
    rules = lambda out: {f["rule"] for f in json.loads(out)["flags"]}  # noqa: E731
    assert "weak-or-degraded-contact" in rules(run_cli("gaps", project, "--json").stdout)
    config = project / "samverkan.toml"
    config.write_text("[regler.weak-or-degraded-contact]\nmax_quality = 1\n", encoding="utf-8")
    assert "weak-or-degraded-contact" not in rules(run_cli("gaps", project, "--json").stdout)
    config.write_text('[regler.weak-or-degraded-contact]\n"aktiv" = false\n', encoding="utf-8")
    assert "weak-or-degraded-contact" not in rules(run_cli("gaps", project, "--json").stdout)
    config.write_text("[regler.weak-or-degraded-contact]\nmax_qualty = 1\n", encoding="utf-8")
    typo = run_cli("gaps", project)
    assert typo.exit_code == 2 and "okänd inställning 'max_qualty'" in typo.stderr
    assert "Traceback" not in typo.stderr
    config.write_text('[regler.weak-or-degraded-contact]\nmax_quality = "två"\n', encoding="utf-8")
    wrong = run_cli("gaps", project)
    assert wrong.exit_code == 2 and "'max_quality' ska vara ett heltal" in wrong.stderr


def test_gaps_with_metrics(run_cli, small_workbook: Path) -> None:
    result = run_cli("gaps", small_workbook, "--metrics", "--json")
    metrics = json.loads(result.stdout)["metrics"]
    assert metrics["actors"] == 3 and {o["id"] for o in metrics["organisations"]} == {
        "af",
        "kavlinge",
        "lomma",
    }
    assert "Per organisation:" in run_cli("gaps", small_workbook, "--metrics").stdout


def test_the_map_shows_flags_in_its_summary_and_html(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    target = tmp_path / "karta.html"
    result = run_cli("map", small_workbook, "--at", "2017-04-30", "-o", target)
    assert result.exit_code == 0, result.stderr
    count = int(re.search(r"Fynd:\s+(\d+) \(\d+ flaggor\)", result.stdout).group(1))
    assert count >= 2
    html = target.read_text(encoding="utf-8")
    assert "lost-local-presence" in html and "AF:s kontor i Kävlinge har stängt" in html


def test_diff_between_two_dates_as_table_json_and_change_map(
    run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    args = ("diff", small_workbook, "--from", "2017-01-15", "--to", "2017-04-30")
    table = run_cli(*args)
    assert table.exit_code == 0, table.stderr
    assert "Förändringar 2017-01-15 → 2017-04-30" in table.stdout
    assert "- AF:s kontor i Kävlinge (kontor)" in table.stdout
    assert "- Kävlinge kommun – AF:s kontor i Kävlinge (operativ, vuxna, 2 svag)" in table.stdout
    assert "+ [hög] lost-local-presence" in table.stdout
    data = json.loads(run_cli(*args, "--json").stdout)
    assert [a["id"] for a in data["actors"]["removed"]] == ["af-kavlinge"]
    out = tmp_path / "forandring.html"
    html_run = run_cli(*args, "--html", out)
    assert html_run.exit_code == 0, html_run.stderr
    page = out.read_text(encoding="utf-8")
    assert "AF:s kontor i Kävlinge" in page and '"removed"' in page


def test_a_wrapped_change_goes_on_under_its_text_not_under_its_mark(run_cli, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    args = ("diff", REFERENCE_MAP, "--from", "2016-12-31", "--to", "2017-04-30")
    lines = run_cli(*args).stdout.splitlines()
    contact = "Försäkringskassan – Socialtjänsten Malmö (Individ och familj, ekonomiskt bistånd)"
    at = lines.index(f"  - {contact} (operativ,")
    assert lines[at + 1] == "    personer med nedsatt arbetsförmåga p.g.a. sjukdom (Utsikt), 4 god)"
    assert not any(line.startswith("  ") and line[2] not in " +-!" for line in lines)


def test_a_change_map_counts_the_findings_after_the_change(run_cli, tmp_path: Path) -> None:
    """'0 fynd' and 'Inga fynd' on every change map: it was drawn without the rules' flags."""
    out = tmp_path / "forandring.html"
    args = ("diff", REFERENCE_MAP, "--from", "2016-12-31", "--to", "2017-04-30", "--html", out)
    assert run_cli(*args).exit_code == 0
    after = json.loads(run_cli("gaps", REFERENCE_MAP, "--at", "2017-04-30", "--json").stdout)
    shown = re.search(r'<span id="count-findings">(\d+)</span>', out.read_text(encoding="utf-8"))
    assert shown is not None and int(shown.group(1)) == after["findings_total"] > 0
    loss = tmp_path / "bortfall.html"
    whatif = ("whatif", REFERENCE_MAP, "--remove", "Arbetsförmedlingen", "--html", loss)
    assert run_cli(*whatif).exit_code == 0
    page = loss.read_text(encoding="utf-8")
    shown = re.search(r'<span id="count-findings">(\d+)</span>', page)
    assert shown is not None and int(shown.group(1)) > 0
    assert "Arbetsförmedlingen har stängt" in page  # the loss itself is a finding


def test_diff_between_two_mapping_rounds(run_cli, tmp_path: Path) -> None:
    rows = [
        ACTORS_HEADER,
        ["a", "A kommun", "kommun", None, None, None, None],
        ["b", "B kommun", "kommun", None, None, None, None],
    ]
    old = write_workbook(
        tmp_path / "2016.xlsx",
        {
            "Aktörer": rows,
            "Kontakter": [
                CONTACTS_HEADER,
                ["A kommun", "B kommun", "operativ", None, "god", None, None],
            ],
        },
    )
    new = write_workbook(
        tmp_path / "2017.xlsx",
        {
            "Aktörer": rows,
            "Kontakter": [
                CONTACTS_HEADER,
                ["A kommun", "B kommun", "operativ", None, "svag", None, None],
                ["A kommun", "B kommun", "strategisk", None, None, None, None],
            ],
        },
    )
    result = run_cli("diff", old, new)
    assert result.exit_code == 0, result.stderr
    assert "~ A kommun – B kommun (operativ, 2 svag): kvalitet 4 god → 2 svag" in result.stdout
    assert "+ A kommun – B kommun (strategisk)" in result.stdout
    english = run_cli("diff", old, new, "--lang", "en")
    assert "quality 4 good → 2 poor" in english.stdout


def test_diff_needs_two_dates_or_two_maps(run_cli, small_workbook: Path) -> None:
    one = run_cli("diff", small_workbook)
    assert one.exit_code == 2 and "Ange antingen --from och --to" in one.stderr
    half = run_cli("diff", small_workbook, "--from", "2017-01-01")
    assert half.exit_code == 2 and "Ange både --from och --to" in half.stderr
