"""Keep the gettext catalogues in step with the code: extract, add, drop, sort.

    .venv/bin/python scripts/i18n_catalogue.py           # update every catalogue
    .venv/bin/python scripts/i18n_catalogue.py --check   # exit 1 if one is not up to date

Message ids are found in the code (`_`, `pgettext`, `ngettext`, `npgettext` with literal
texts, and the click help: `help=` of options and commands, command docstrings) and in
click's own sources for the `click` domain. A new id gets an empty Swedish msgstr to fill in
(tests/test_i18n.py fails until it is); the English catalogue repeats the id unless someone
wrote a better English text there. Ids no longer used are dropped. The files are written
sorted, without line numbers, so the same code gives the same bytes. See docs/i18n.md.
"""

from __future__ import annotations

import ast
import inspect
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import click

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from samverkan.i18n import LANGS, PoEntry, read_po  # noqa: E402

PLURAL_FORMS = "nplurals=2; plural=(n != 1);"  # Swedish and English alike
LANGUAGE_NAMES = {"sv": "Swedish", "en": "English"}
KEYWORDS = {"_": ("msgid",), "pgettext": ("context", "msgid")}
PLURAL_KEYWORDS = {
    "ngettext": ("msgid", "plural"),
    "npgettext": ("context", "msgid", "plural"),
}
CLICK_DYNAMIC = ("required",)  # ids click translates from a variable: _(extra["required"])
CLICK_CALLS = {"option", "argument", "command", "group", "version_option", "help_option"}


@dataclass(frozen=True)
class Catalogue:
    """A gettext domain: where its code is and where its .po files go."""

    domain: str
    localedir: Path
    sources: tuple[Path, ...]
    click_help: bool = False  # also take the help texts of click commands and options

    def po_file(self, lang: str) -> Path:
        return self.localedir / lang / "LC_MESSAGES" / f"{self.domain}.po"

    def files(self) -> Iterator[Path]:
        for source in self.sources:
            yield from sorted(p for p in source.rglob("*.py") if "egg-info" not in str(p))


def catalogues(root: Path = ROOT) -> list[Catalogue]:
    csv = root / "examples" / "samverkan-csv" / "src" / "samverkan_csv"
    return [
        Catalogue(
            "samverkan",
            root / "samverkan" / "locale",
            (root / "samverkan", root / "plugins"),
            click_help=True,
        ),
        Catalogue("samverkan_csv", csv / "locale", (csv,)),
        Catalogue("click", root / "samverkan" / "locale", (Path(click.__file__).parent,)),
    ]


Key = tuple[str | None, str]  # (context, msgid)


@dataclass(frozen=True)
class Found:
    """A message id in the code, where it is, and its plural id if it has one."""

    key: Key
    plural: str | None
    where: str


def extract(catalogue: Catalogue) -> dict[Key, Found]:
    found: dict[Key, Found] = {}
    for path in catalogue.files():
        if path.name == "testing.py" and catalogue.domain == "click":
            continue  # click's test runner speaks to developers, not to our users
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for item in messages_in(tree, catalogue.click_help):
            found.setdefault(item.key, Found(item.key, item.plural, f"{path.name}:{item.where}"))
    if catalogue.domain == "click":
        found.update({(None, m): Found((None, m), None, "dynamic") for m in CLICK_DYNAMIC})
    return found


def messages_in(tree: ast.AST, click_help: bool) -> Iterator[Found]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            yield from _gettext_call(node)
            if click_help and _is_click_call(node):
                yield from _help_keyword(node)
        if click_help and isinstance(node, ast.FunctionDef) and _is_command(node):
            doc = ast.get_docstring(node, clean=True)
            if doc:
                yield Found((None, doc), None, str(node.lineno))


def _gettext_call(node: ast.Call) -> Iterator[Found]:
    name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
    fields = KEYWORDS.get(name) or PLURAL_KEYWORDS.get(name)
    if fields is None or len(node.args) < len(fields):
        return
    texts = [_string(arg) for arg in node.args[: len(fields)]]
    if any(text is None for text in texts):
        return
    values = dict(zip(fields, texts, strict=True))
    msgid = values["msgid"]
    assert msgid is not None
    yield Found((values.get("context"), msgid), values.get("plural"), str(node.lineno))


def _string(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _is_click_call(node: ast.Call) -> bool:
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
    return name in CLICK_CALLS


def _help_keyword(node: ast.Call) -> Iterator[Found]:
    for keyword in node.keywords:
        text = _string(keyword.value) if keyword.arg in ("help", "short_help", "metavar") else None
        if text:
            yield Found((None, inspect.cleandoc(text)), None, str(node.lineno))


def _is_command(node: ast.FunctionDef) -> bool:
    for decorator in node.decorator_list:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(call, ast.Attribute) and call.attr in ("command", "group"):
            return True
    return False


def read_catalogue(path: Path) -> dict[Key, PoEntry]:
    if not path.exists():
        return {}
    return {e.key: e for e in read_po(path.read_text(encoding="utf-8")) if e.msgid}


def entry_for(found: Found, lang: str, old: PoEntry | None) -> PoEntry:
    """The entry for a used id: its old translation if it had one, else English or empty."""
    entry = PoEntry()
    entry.context, entry.msgid = found.key
    entry.plural = found.plural
    size = 1 if found.plural is None else 2
    if old is not None and old.plural == found.plural and not old.fuzzy:
        entry.strings = {i: old.strings.get(i, "") for i in range(size)}
    elif lang == "en":
        entry.strings = {0: found.key[1]} if size == 1 else {0: found.key[1], 1: found.plural or ""}
    else:
        entry.strings = dict.fromkeys(range(size), "")
    return entry


def write_po(domain: str, lang: str, entries: Iterable[PoEntry]) -> str:
    lines = [
        f"# {domain}: {LANGUAGE_NAMES[lang]} texts. Edit the msgstr lines;",
        "# scripts/i18n_catalogue.py adds, drops and sorts the entries (docs/i18n.md).",
        'msgid ""',
        'msgstr ""',
        _quote(f"Language: {lang}\n"),
        _quote("MIME-Version: 1.0\n"),
        _quote("Content-Type: text/plain; charset=UTF-8\n"),
        _quote("Content-Transfer-Encoding: 8bit\n"),
        _quote(f"Plural-Forms: {PLURAL_FORMS}\n"),
    ]
    for entry in sorted(entries, key=lambda e: (e.msgid, e.context or "", e.plural or "")):
        lines.append("")
        if entry.context is not None:
            lines.append(f"msgctxt {_quote(entry.context)}")
        lines.append(f"msgid {_quote(entry.msgid)}")
        if entry.plural is None:
            lines.append(f"msgstr {_quote(entry.strings.get(0, ''))}")
            continue
        lines.append(f"msgid_plural {_quote(entry.plural)}")
        lines.extend(f"msgstr[{i}] {_quote(entry.strings.get(i, ''))}" for i in range(2))
    return "\n".join(lines) + "\n"


def _quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\t", "\\t").replace("\b", "\\b") + '"'


def rendered(catalogue: Catalogue, given: dict[Key, dict[int, str]]) -> dict[Path, str]:
    """Every .po file of the catalogue as it should read; `given` are new Swedish texts."""
    used = extract(catalogue)
    files = {}
    for lang in LANGS:
        path = catalogue.po_file(lang)
        old = read_catalogue(path)
        entries = []
        for key, found in used.items():
            entry = entry_for(found, lang, old.get(key))
            if lang == "sv" and key in given and not any(entry.strings.values()):
                entry.strings = dict(given[key])
            entries.append(entry)
        files[path] = write_po(catalogue.domain, lang, entries)
    return files


def update(
    root: Path, given: list[tuple[Path, tuple[str, str | None, tuple[str, ...]]]]
) -> list[str]:
    """Write the catalogues with these new Swedish texts; the conflicts it found, as lines."""
    conflicts: list[str] = []
    for catalogue in catalogues(root):
        new: dict[Key, dict[int, str]] = {}
        old_sv = read_catalogue(catalogue.po_file("sv"))
        for path, (msgid, _plural, strings) in given:
            if not any(path.is_relative_to(s) for s in catalogue.sources):
                continue
            key: Key = (None, msgid)
            texts = dict(enumerate(strings))
            known = old_sv.get(key)
            earlier = new.get(key) or (
                known.strings if known and any(known.strings.values()) else None
            )
            if earlier is not None and earlier != texts:
                conflicts.append(
                    f"{path}: {msgid!r} is translated {earlier} in the catalogue and {texts} "
                    "here; the catalogue's is kept. If the Swedish was reworded, write it in "
                    "the .po; if the two mean different things, give one a pgettext context"
                )
                continue
            new[key] = texts
        for path, text in rendered(catalogue, new).items():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
    return conflicts


def main() -> int:
    stale = []
    for catalogue in catalogues():
        for path, text in rendered(catalogue, {}).items():
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if current == text:
                continue
            stale.append(path)
            if "--check" not in sys.argv:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(text, encoding="utf-8", newline="\n")
    for path in stale:
        print(
            f"{'not up to date' if '--check' in sys.argv else 'updated'}: {path.relative_to(ROOT)}"
        )
    return 1 if stale and "--check" in sys.argv else 0


if __name__ == "__main__":
    sys.exit(main())
