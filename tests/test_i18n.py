"""The gettext catalogues: complete, consistent, in step with the code; plurals; lazy texts."""

from __future__ import annotations

import re
import string
import subprocess
import sys

import pytest
from helpers import ROOT

from samverkan.i18n import LANGS, Domain, Lang, _, lazy, ngettext, read_po, verbatim
from samverkan.model import Choice

sys.path.insert(0, str(ROOT / "scripts"))
import i18n_catalogue as tool

CATALOGUES = tool.catalogues()


def fields(text: str) -> list[str]:
    """The placeholders of a text, `{name}` and click's `%(name)s`, sorted."""
    names = [f[1] for f in string.Formatter().parse(text) if f[1] is not None]
    return sorted(names + re.findall(r"%\((\w+)\)s", text))


@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda c: c.domain)
def test_catalogues_are_up_to_date(catalogue: tool.Catalogue) -> None:
    """Every id used in the code is there, none that is not, sorted: the tool changes nothing."""
    for path, text in tool.rendered(catalogue, {}).items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.relative_to(ROOT)} is not up to date: run scripts/i18n_catalogue.py"
        )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("catalogue", CATALOGUES, ids=lambda c: c.domain)
def test_every_entry_is_translated(catalogue: tool.Catalogue, lang: Lang) -> None:
    entries = read_po(catalogue.po_file(lang).read_text(encoding="utf-8"))
    assert entries[0].msgid == "" and "nplurals=2; plural=(n != 1);" in entries[0].strings[0]
    for entry in entries[1:]:
        where = f"{catalogue.po_file(lang).name} {entry.msgid!r}"
        assert not entry.fuzzy, where
        forms = 1 if entry.plural is None else 2
        assert sorted(entry.strings) == list(range(forms)), where
        assert all(entry.strings.values()), f"{where} has no translation"
        assert all(fields(s) == fields(entry.msgid) for s in entry.strings.values()) or (
            entry.plural is not None and fields(entry.strings[1]) == fields(entry.plural)
        ), f"{where}: the placeholders differ"


def test_plural_forms() -> None:
    contacts = ngettext("{n} contact", "{n} contacts", 1)
    assert contacts.text("sv") == "1 kontakt" and contacts.text("en") == "1 contact"
    many = ngettext("{n} contact", "{n} contacts", 2)
    assert many.text("sv") == "2 kontakter" and many.text("en") == "2 contacts"
    assert ngettext("{n} contact", "{n} contacts", 0).text("sv") == "0 kontakter"


def test_messages_are_lazy_and_compose() -> None:
    weak = _("Weak contact")
    assert (weak.text("sv"), weak.text("en")) == ("Svag kontakt", "Weak contact")
    joined = (weak + verbatim(": ") + _("{n} of 5").format(n=2)).format()
    assert joined.text("sv").startswith("Svag kontakt: ")
    nested = _("Between {a} and {b}").format(a=weak, b="Lomma")
    assert nested.text("sv") == "Mellan Svag kontakt och Lomma"
    assert _("Weak contact") == _("Weak contact") and hash(weak) == hash(_("Weak contact"))


def test_lazy_renders_once_per_language_with_the_values_of_its_creation() -> None:
    calls: list[Lang] = []
    made = []
    for number in (1, 2):

        def make(lang: Lang) -> str:
            calls.append(lang)
            return f"{lang}{number}"  # noqa: B023  (lazy binds it now: what this tests)

        made.append(lazy(make))
    assert calls == []
    assert [m.text("sv") for m in made] == ["sv1", "sv2"]
    assert made[0].text("sv") == "sv1" and calls == ["sv", "sv"]  # remembered


def test_a_plugin_ships_its_own_catalogue(tmp_path: object) -> None:
    from pathlib import Path

    base = Path(str(tmp_path))
    po = base / "sv" / "LC_MESSAGES" / "mine.po"
    po.parent.mkdir(parents=True)
    entry = 'msgid "{n} apple"\nmsgid_plural "{n} apples"\nmsgstr[0] "{n} äpple"\nmsgstr[1] "{n} äpplen"\n'
    po.write_text(tool.write_po("mine", "sv", []) + "\n" + entry, encoding="utf-8")
    domain = Domain("mine", base)
    assert domain.ngettext("{n} apple", "{n} apples", 3).text("sv") == "3 äpplen"
    assert domain.gettext("Pear").text("sv") == "Pear"  # untranslated: the English id


def test_choice_words_are_their_swedish_translation() -> None:
    """A choice's value is what users type in Swedish, so the catalogue must agree with it."""
    for kind in Choice.__subclasses__():
        for member in kind:
            assert member.label("sv") == member.value, member
            assert member.label("en") != "" and kind.parse(member.english) is member


def run_cli(*args: str, env_lang: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "LANG": env_lang, "LC_ALL": env_lang, "HOME": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-c", "from samverkan.cli import main; main()", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=ROOT,
    )


COMMANDS = [[], ["init"], ["map"], ["validate"], ["gaps"], ["diff"], ["whatif"], ["export"]]
COMMANDS += [["plugins"], ["plugin"], ["plugin", "new"]]
SWEDISH = ("Användning:", "Flaggor:", "Visa den här hjälpen och avsluta.")
ENGLISH = ("Usage:", "Options:", "Show this message and exit.")


@pytest.mark.parametrize("env_lang", ["C", "en_US.UTF-8", "sv_SE.UTF-8"])
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "samverkan")
def test_help_speaks_the_chosen_language_whatever_the_locale(
    command: list[str], env_lang: str
) -> None:
    swedish = run_cli(*command, "--help", env_lang=env_lang)
    assert swedish.returncode == 0, swedish.stderr
    assert all(word in swedish.stdout for word in SWEDISH), swedish.stdout
    assert not any(word in swedish.stdout for word in ENGLISH), swedish.stdout
    if "--lang" not in swedish.stdout:
        return
    for args in ([*command, "--lang", "en", "--help"], [*command, "--help", "--lang=en"]):
        english = run_cli(*args, env_lang=env_lang)
        assert all(word in english.stdout for word in ENGLISH), english.stdout
        assert not any(word in english.stdout for word in SWEDISH), english.stdout
        words = re.sub(
            r"Kävlinge|Försäkringskassan|Skåne|Från;Till;Nivå;Målgrupp", "", english.stdout
        )
        assert not re.search(r"[åäöÅÄÖ]", words), english.stdout


def test_errors_speak_the_chosen_language() -> None:
    swedish = run_cli("gaps", "--at", "31/12", env_lang="en_US.UTF-8")
    assert swedish.returncode == 2
    assert "Fel: Ogiltigt värde för '--at': '31/12' är inget datum" in swedish.stderr
    assert "Prova 'samverkan gaps --help' för hjälp." in swedish.stderr
    english = run_cli("gaps", "--at", "31/12", "--lang", "en", env_lang="sv_SE.UTF-8")
    assert english.returncode == 2
    assert "Error: Invalid value for '--at': '31/12' is not a date" in english.stderr
    assert "Try 'samverkan gaps --help' for help." in english.stderr
    unknown = run_cli("gaps", "--bogus", env_lang="C")
    assert "Flaggan '--bogus' finns inte." in unknown.stderr
    extra = run_cli("init", "a", "b", "--lang", "en", env_lang="C")
    assert "Got unexpected extra argument (b)" in extra.stderr
    missing = run_cli("init", env_lang="C")
    assert "Argument saknas" in missing.stderr
    choice = run_cli("gaps", "--lang", "fr", env_lang="C")
    assert "Ogiltigt värde för '--lang': 'fr' är inte något av 'sv', 'en'." in choice.stderr


def test_lang_before_the_command_speaks_for_the_command_too() -> None:
    """`samverkan --lang en gaps …` wins over the project's own language, as the command's
    own --lang does."""
    english = run_cli("--lang", "en", "gaps", "maps/kavlinge-lomma-2017", env_lang="sv_SE.UTF-8")
    assert english.returncode == 0, english.stderr
    assert "Why:" in english.stdout and "Varför:" not in english.stdout
    swedish = run_cli("gaps", "maps/kavlinge-lomma-2017", env_lang="en_US.UTF-8")
    assert "Varför:" in swedish.stdout


def test_po_files_as_editors_write_them_are_read() -> None:
    """Wrapped strings, escapes, contexts, flags, comments and obsolete entries, as Poedit
    and msgmerge write them; a fuzzy entry is not used (as msgfmt leaves it out)."""
    source = r"""# translator comment
msgid ""
msgstr ""
"Language: sv\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\n"

#: samverkan/cli/base.py:12
#, python-brace-format
msgid ""
"A long "
"text with \"quotes\"\tand a tab"
msgstr "En lång text med \"citat\"\toch en tabb"

msgctxt "what-if"
msgid "Lost"
msgstr "Försvinner"

#, fuzzy, python-brace-format
msgid "Guess"
msgstr "Gissning"

msgid "{n} day"
msgid_plural "{n} days"
msgstr[0] "{n} dag"
msgstr[1] "{n} dagar"

#~ msgid "Old"
#~ msgstr "Gammal"
"""
    entries = read_po(source)
    assert [e.msgid for e in entries] == [
        "",
        'A long text with "quotes"\tand a tab',
        "Lost",
        "Guess",
        "{n} day",
    ]
    assert entries[2].context == "what-if" and entries[3].fuzzy and not entries[1].fuzzy
    assert entries[4].plural == "{n} days" and entries[4].strings == {0: "{n} dag", 1: "{n} dagar"}
    import gettext
    import io

    from samverkan.i18n import mo_bytes

    found = gettext.GNUTranslations(io.BytesIO(mo_bytes(entries)))
    assert (
        found.gettext('A long text with "quotes"\tand a tab')
        == 'En lång text med "citat"\toch en tabb'
    )
    assert found.pgettext("what-if", "Lost") == "Försvinner" and found.gettext("Lost") == "Lost"
    assert found.gettext("Guess") == "Guess"  # fuzzy: not translated
    assert [found.ngettext("{n} day", "{n} days", n) for n in (1, 2)] == ["{n} dag", "{n} dagar"]


def test_the_catalogue_writer_reads_back() -> None:
    """What scripts/i18n_catalogue.py writes, read_po reads as it was (every escape)."""
    original = read_po(CATALOGUES[0].po_file("sv").read_text(encoding="utf-8"))[1:]
    again = read_po(tool.write_po("samverkan", "sv", original))[1:]
    assert [(e.key, e.plural, e.strings) for e in again] == [
        (e.key, e.plural, e.strings) for e in original
    ]


def test_no_click_module_is_left_on_the_process_locale() -> None:
    """A click module that translates with gettext and that samverkan.cli.speech misses
    would speak the locale's language (or English) inside a Swedish CLI."""
    import gettext
    import pkgutil

    import click

    import samverkan.cli  # noqa: F401  (binds click's translators)

    for info in pkgutil.iter_modules(click.__path__):
        if info.name in ("testing", "_winconsole"):
            continue  # the test runner; _winconsole imports only on Windows
        module = __import__(f"click.{info.name}", fromlist=["_"])
        for name in ("_", "ngettext"):
            found = getattr(module, name, None)
            assert found not in (gettext.gettext, gettext.ngettext), f"click.{info.name}.{name}"
