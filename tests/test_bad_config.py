"""Bad project files and command lines: every mistake in samverkan.toml or in --at is a
message naming the file (or option), the line and the key, with exit code 2 — never a
traceback or exit 3. Generated cases, beside the file corpus of tests/test_bad_input.py;
scripts/reliability_report.py counts them too."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from helpers import ACTORS_HEADER, write_workbook


@dataclass(frozen=True)
class ConfigCase:
    name: str
    toml: str  # the whole samverkan.toml
    sv: list[str] = field(default_factory=list)  # words of the message, Swedish
    en: list[str] = field(default_factory=list)
    line: int | None = None  # where in samverkan.toml, when known
    exit: int = 2
    encoding: str = "utf-8"  # how the file is saved


PATTERNS_SV, PATTERNS_EN = "ska vara en lista med minst ett filnamnsmönster", "must be a list"
RANGE_SV = "ligger utanför de datum kartan kan hålla (1900-01-01 – 2199-12-31)"
RANGE_EN = "lies outside the dates a map can hold (1900-01-01 – 2199-12-31)"

CONFIG_CASES = [
    ConfigCase(
        "indata_as_a_string",
        '[projekt]\nindata = "*.xlsx"\n',
        ["[projekt] indata:", PATTERNS_SV],
        ["[projekt] indata:", PATTERNS_EN],
        2,
    ),
    ConfigCase("indata_a_number", "[projekt]\nindata = [5]\n", [PATTERNS_SV], [PATTERNS_EN], 2),
    ConfigCase("indata_empty", "[projekt]\nindata = []\n", [PATTERNS_SV], [PATTERNS_EN], 2),
    ConfigCase(
        "indata_empty_pattern", '[projekt]\nindata = [""]\n', [PATTERNS_SV], [PATTERNS_EN], 2
    ),
    ConfigCase(
        "indata_absolute",
        '[projekt]\nnamn = "x"\nindata = ["/home/anna/*.xlsx"]\n',
        ["'/home/anna/*.xlsx' är en absolut sökväg"],
        ["'/home/anna/*.xlsx' is an absolute path"],
        3,
    ),
    ConfigCase(
        "indata_windows_absolute",
        "[projekt]\nindata = ['C:\\Users\\anna\\*.xlsx']\n",
        ["är en absolut sökväg"],
        ["is an absolute path"],
        2,
    ),
    ConfigCase(
        "indata_dot",
        '[projekt]\nindata = ["."]\n',
        ["[projekt] indata: mönstret '.' går inte att använda"],
        ["[projekt] indata: the pattern '.' cannot be used"],
    ),
    ConfigCase(
        "indata_three_stars",
        '[projekt]\nindata = ["***"]\n',
        ["mönstret '***' går inte att använda"],
        ["the pattern '***' cannot be used"],
    ),
    ConfigCase(
        "indata_table",
        "[projekt.indata]\nx = 1\n",
        [PATTERNS_SV],
        [PATTERNS_EN],
    ),
    ConfigCase(
        "datum_year_1",
        "[projekt]\ndatum = 0001-01-01\n",
        ["[projekt] datum:", "datumet 0001-01-01 " + RANGE_SV],
        ["[projekt] datum:", "the date 0001-01-01 " + RANGE_EN],
        2,
    ),
    ConfigCase(
        "datum_year_9999",
        "[projekt]\ndatum = 9999-12-31\n",
        ["datumet 9999-12-31 " + RANGE_SV],
        ["the date 9999-12-31 " + RANGE_EN],
        2,
    ),
    ConfigCase(
        "datum_with_time",
        "[projekt]\ndatum = 2017-04-30T10:00:00\n",
        ["ska vara ett datum utan citattecken och utan klockslag"],
        ["must be a date without quotes and without a time"],
        2,
    ),
    ConfigCase(
        "datum_quoted",
        '[projekt]\ndatum = "2017-04-30"\n',
        ["ska vara ett datum utan citattecken"],
        ["must be a date without quotes"],
        2,
    ),
    ConfigCase(
        "datum_time_only",
        "[projekt]\ndatum = 10:00:00\n",
        ["ska vara ett datum"],
        ["must be a date"],
        2,
    ),
    ConfigCase(
        "sprak_finnish",
        '[projekt]\n"språk" = "fi"\n',
        ["[projekt] språk: ogiltigt värde (tillåtet: sv, en)"],
        ["[projekt] språk: invalid value (allowed: sv, en)"],
        2,
    ),
    ConfigCase(
        "sprak_a_list",
        '[projekt]\n"språk" = ["sv"]\n',
        ["ogiltigt värde (tillåtet: sv, en)"],
        ["invalid value (allowed: sv, en)"],
        2,
    ),
    ConfigCase(
        "sprak_misspelt",
        '[projekt]\nsprak = "en"\n',
        ["okänd nyckel 'sprak'", "Menade du 'språk'?"],
        ["unknown key 'sprak'", "Did you mean 'språk'?"],
        2,
    ),
    ConfigCase(
        "english_key",
        '[projekt]\ntitle = "Karta"\n',
        ["okänd nyckel 'title'", "kända: namn, språk, indata, utdata, datum"],
        ["unknown key 'title'", "known: namn, språk, indata, utdata, datum"],
        2,
    ),
    ConfigCase(
        "namn_a_number",
        "[projekt]\nnamn = 3\n",
        ["[projekt] namn: ska vara en text"],
        ["[projekt] namn: must be a text"],
        2,
    ),
    ConfigCase(
        "utdata_a_number",
        "[projekt]\nutdata = 5\n",
        ["[projekt] utdata: ska vara en text"],
        ["[projekt] utdata: must be a text"],
        2,
    ),
    ConfigCase(
        "utdata_empty",
        '[projekt]\nutdata = " "\n',
        ["[projekt] utdata: ska vara namnet på en mapp"],
        ["[projekt] utdata: must be the name of a folder"],
        2,
    ),
    ConfigCase(
        "key_outside_any_table",
        'namn = "Karta"\n',
        ["okänd nyckel 'namn'", "Den hör hemma under [projekt]"],
        ["unknown key 'namn'", "It belongs under [projekt]"],
        1,
    ),
    ConfigCase(
        "table_misspelt",
        '# kommentar\n[projket]\nnamn = "Karta"\n',
        ["okänd nyckel 'projket'", "Menade du 'projekt'?"],
        ["unknown key 'projket'", "Did you mean 'projekt'?"],
        2,
    ),
    ConfigCase(
        "projekt_not_a_table",
        "projekt = 5\n",
        ["'projekt' ska vara en tabell"],
        ["'projekt' must be a table"],
        1,
    ),
    ConfigCase(
        "regler_not_a_table",
        'regler = "alla"\n',
        ["'regler' ska vara en tabell"],
        ["'regler' must be a table"],
        1,
    ),
    ConfigCase(
        "rule_not_a_table",
        "[regler]\nweak-or-degraded-contact = 5\n",
        ["[regler] weak-or-degraded-contact: ska vara en tabell med regelns inställningar"],
        ["[regler] weak-or-degraded-contact: must be a table of the rule's settings"],
        2,
    ),
    ConfigCase(
        "not_toml",
        "[projekt\nnamn = x\n",
        ["Projektfilen går inte att läsa"],
        ["The project file cannot be read"],
        1,
    ),
    ConfigCase(
        "not_utf8",
        '[projekt]\nnamn = "Kävlinge"\n',
        ["Projektfilen går inte att läsa: den är inte sparad som UTF-8"],
        ["The project file cannot be read: it is not saved as UTF-8"],
        2,
        encoding="latin-1",
    ),
    ConfigCase(
        "nested_100000_deep",
        "[projekt]\nnamn = " + "[" * 100_000 + "]" * 100_000 + "\n",
        ["Projektfilen har listor eller tabeller nästlade för djupt"],
        ["The project file has lists or tables nested too deeply"],
    ),
    ConfigCase(
        "inline_tables_5000_deep",
        "[projekt]\nnamn = " + "{a = " * 5000 + "1" + "}" * 5000 + "\n",
        ["nästlade för djupt"],
        ["nested too deeply"],
    ),
    ConfigCase(
        "byte_order_mark",
        '\ufeff[projekt]\nnamn = "Karta med BOM"\n',
        exit=0,
    ),
    # Round three: an outside tester's project files.
    ConfigCase("crlf_line_ends", '[projekt]\r\nnamn = "x"\r\nindata = ["*.xlsx"]\r\n', exit=0),
    ConfigCase("bom_and_crlf", '\ufeff[projekt]\r\nnamn = "x"\r\n', exit=0),
    ConfigCase(
        "key_in_decomposed_unicode",  # was "unknown key 'språk' … Did you mean 'språk'?"
        '[projekt]\n"' + unicodedata.normalize("NFD", "språk") + '" = "sv"\n',
        exit=0,
    ),
    ConfigCase(
        "bare_key_with_a_ring",  # TOML wants it quoted; the message said "Expected '='"
        '[projekt]\nspråk = "en"\n',
        ['nyckeln språk har bokstäver utanför a–z och måste stå inom citattecken, t.ex. "språk"'],
        ["the key språk has letters outside a–z and must be quoted"],
        2,
    ),
    ConfigCase(
        "rule_setting_bare_key",
        "[regler.single-channel]\ntröskel = 2\n",
        ["nyckeln tröskel", "inom citattecken"],
        ["the key tröskel", "must be quoted"],
        2,
    ),
    ConfigCase(
        "table_twice",  # the line was only in tomllib's English text
        '[projekt]\nnamn = "x"\n[projekt]\nnamn = "y"\n',
        ["Projektfilen går inte att läsa", "twice"],
        ["The project file cannot be read", "twice"],
        3,
    ),
    ConfigCase(
        "key_twice",
        '[projekt]\nnamn = "x"\nnamn = "y"\n',
        ["Projektfilen går inte att läsa"],
        ["The project file cannot be read"],
        3,
    ),
    ConfigCase(
        "utf16",
        '[projekt]\nnamn = "x"\n',
        ["Projektfilen går inte att läsa: den är inte sparad som UTF-8"],
        ["The project file cannot be read: it is not saved as UTF-8"],
        1,
        encoding="utf-16",
    ),
    ConfigCase(
        "viktigast_a_float",
        "[rapport]\nviktigast = 7.0\n",
        ["[rapport] viktigast:"],
        ["[rapport] viktigast:"],
        2,
    ),
]


def project_with(folder: Path, case: ConfigCase) -> Path:
    folder.mkdir()
    write_workbook(
        folder / "karta.xlsx",
        {"Aktörer": [ACTORS_HEADER, ["lomma", "Lomma kommun", "kommun", None, None, None, None]]},
    )
    (folder / "samverkan.toml").write_text(case.toml, encoding=case.encoding)
    return folder


def expected_line(case: ConfigCase, lang: str, stderr: str) -> bool:
    where = "samverkan.toml" + (
        f", {'row' if lang == 'en' else 'rad'} {case.line}" if case.line else ""
    )
    words = case.en if lang == "en" else case.sv
    return any(
        where + ":" in line and all(word in line for word in words) for line in stderr.splitlines()
    )


@pytest.mark.parametrize("case", CONFIG_CASES, ids=[c.name for c in CONFIG_CASES])
def test_each_mistake_in_samverkan_toml_is_named(case: ConfigCase, run_cli, tmp_path: Path) -> None:
    project = project_with(tmp_path / "p", case)
    for lang in ("sv", "en"):
        for command in ("validate", "map"):
            result = run_cli(command, project, "--lang", lang)
            output = result.stdout + result.stderr
            assert "Traceback" not in output
            assert result.exit_code == case.exit, output
            if case.exit:
                assert expected_line(case, lang, result.stderr), result.stderr


RULE_MISTAKES = [
    ("[regler.finns-inte]\nx = 1\n", "blad [regler.finns-inte]: ingen installerad regel heter 'finns-inte'"),
    ('[regler.single-carrier]\nallvarlighet = "katastrof"\n', "'allvarlighet' ska vara låg, medel eller hög"),
    ('[regler.infrequent-or-dormant-forum]\nmin_per_year = "två"\n', "'min_per_year' ska vara ett tal, inte 'två'"),
    ("[regler.infrequent-or-dormant-forum]\nmin_per_year = -5\n", "'min_per_year' = -5 kan inte vara under 0"),
]  # fmt: skip


@pytest.mark.parametrize("toml, words", RULE_MISTAKES)
def test_validate_names_a_mistake_in_a_rules_settings_as_map_does(
    toml: str, words: str, run_cli, tmp_path: Path
) -> None:
    """validate said 'Inga fel hittades.' and then map stopped on the same samverkan.toml."""
    project = project_with(tmp_path / "p", ConfigCase("rule", toml))
    for command in ("validate", "map"):
        result = run_cli(command, project)
        assert result.exit_code == 2, result.output
        assert "samverkan.toml, blad [regler." in result.stderr and words in result.stderr
        assert "Inga fel hittades" not in result.output


@dataclass(frozen=True)
class OptionCase:
    name: str
    args: list[str]
    sv: str
    en: str


OPTION_CASES = [
    OptionCase(
        "at_year_9999",
        ["--at", "9999-12-31"],
        "datumet 9999-12-31 " + RANGE_SV,
        "the date 9999-12-31 " + RANGE_EN,
    ),
    OptionCase(
        "at_year_1",
        ["--at", "0001-01-01"],
        "datumet 0001-01-01 " + RANGE_SV,
        "the date 0001-01-01 " + RANGE_EN,
    ),
    OptionCase(
        "at_1899",
        ["--at", "1899-12-31"],
        "datumet 1899-12-31 " + RANGE_SV,
        "the date 1899-12-31 " + RANGE_EN,
    ),
    OptionCase(
        "at_no_day",
        ["--at", "2017-02-30"],
        "'2017-02-30' är inget datum",
        "'2017-02-30' is not a date",
    ),
]


@pytest.mark.parametrize("case", OPTION_CASES, ids=[c.name for c in OPTION_CASES])
@pytest.mark.parametrize("command", ["map", "gaps", "export"])
def test_a_date_on_the_command_line_outside_the_range_is_refused(
    case: OptionCase, command: str, run_cli, small_workbook: Path, tmp_path: Path
) -> None:
    extra = ["--format", "json", "-o", str(tmp_path / "ut.json")] if command == "export" else []
    extra += ["-o", str(tmp_path / "karta.html")] if command == "map" else []
    for lang, words in (("sv", case.sv), ("en", case.en)):
        result = run_cli(command, small_workbook, *extra, "--lang", lang, *case.args)
        assert result.exit_code == 2, result.output
        assert "'--at'" in result.stderr and words in result.stderr
        assert "Traceback" not in result.output
    assert list(tmp_path.glob("ut.*")) == [] and not (tmp_path / "karta.html").exists()


def test_the_range_ends_themselves_are_accepted(run_cli, small_workbook: Path) -> None:
    for day in ("1900-01-01", "2199-12-31"):
        result = run_cli("gaps", small_workbook, "--at", day)
        assert result.exit_code in (0, 1), result.output  # 1: flags found
