"""The project file, samverkan.toml: title, inputs, output folder, language, rule and
importer settings."""

from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any, cast

import tomli_w

from samverkan.contract import Setting
from samverkan.errors import Location, SamverkanError, did_you_mean, os_reason
from samverkan.findings import MOST_IMPORTANT
from samverkan.i18n import LANGS, Lang, Message, _, verbatim
from samverkan.limits import date_problem

CONFIG_NAME = "samverkan.toml"


@dataclass(frozen=True)
class ProjectConfig:
    root: Path
    title: str = ""
    inputs: tuple[str, ...] = ("*.xlsx",)
    output: str = "utdata"
    lang: Lang | None = None
    day: date | None = None
    rules: dict[str, dict[str, Setting]] = field(default_factory=dict)
    # [import.<importer>]: each importer's settings, checked against its defaults on reading.
    imports: dict[str, dict[str, Any]] = field(default_factory=dict)
    # How many findings "Viktigast att ta upp" lists: [rapport] viktigast = 7.
    most_important: int = MOST_IMPORTANT

    @property
    def output_dir(self) -> Path:
        return self.root / self.output


def load_config(root: Path) -> ProjectConfig:
    """The project's settings; a folder without samverkan.toml gets the defaults.

    Every key of the file is checked here (type, range, a known name), so that a mistake in
    it is a message naming the file and the key, never a failure later on. The settings of
    each rule ([regler.<id>]) are checked against the rule's defaults when rules run, those
    of each importer ([import.<name>]) before files are read.
    """
    path = root / CONFIG_NAME
    if not path.is_file():
        return ProjectConfig(root=root, title=root.resolve().name)
    keys = _Keys(path, _read(path))
    data = keys.parse()
    keys.known(data, "", TABLES)
    project = keys.table(data, "projekt")
    keys.known(project, "projekt", PROJECT_KEYS)
    keys.known(keys.table(data, "rapport"), "rapport", REPORT_KEYS)
    rules = keys.table(data, "regler")
    for rule, settings in rules.items():
        if not isinstance(settings, dict):
            raise keys.error("regler", rule, RULE_TABLE.format(rule=rule))
    imports = keys.table(data, "import")
    for name, settings in imports.items():
        if not isinstance(settings, dict):
            raise keys.error("import", name, IMPORT_TABLE.format(name=name))
    return ProjectConfig(
        root=root,
        title=keys.text(project, "namn", root.resolve().name),
        inputs=keys.patterns(project),
        output=keys.folder(project),
        lang=keys.lang(project),
        day=keys.day(project),
        rules={rule: dict(settings) for rule, settings in rules.items()},
        imports={name: dict(settings) for name, settings in imports.items()},
        most_important=keys.most_important(keys.table(data, "rapport")),
    )


TABLES = ("projekt", "regler", "import", "rapport")
REPORT_KEYS = ("viktigast",)
PROJECT_KEYS = ("namn", "språk", "indata", "utdata", "datum")


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # Notepad writes a byte order mark
    except UnicodeDecodeError as error:  # the line of the first byte that is not UTF-8
        line = error.object[: error.start].count(b"\n") + 1
        where = Location(str(path), row=line)
        raise SamverkanError(UNREADABLE.format(e=NOT_UTF8), where) from error
    except OSError as error:
        raise SamverkanError(UNREADABLE.format(e=os_reason(error)), Location(str(path))) from error


@dataclass(frozen=True)
class _Keys:
    """Checks the keys of one samverkan.toml; each error names the file, the line and the key."""

    path: Path
    source: str

    def parse(self) -> dict[str, Any]:
        try:
            return cast(dict[str, Any], _composed_keys(tomllib.loads(self.source)))
        except tomllib.TOMLDecodeError as error:
            line = _error_line(error)
            location = Location(str(self.path), row=line)
            raise SamverkanError(self._unreadable(error, line), location) from error
        except RecursionError as error:  # tomllib parses nested arrays by recursion
            raise SamverkanError(TOO_DEEP, Location(str(self.path))) from error

    def _unreadable(self, error: tomllib.TOMLDecodeError, line: int | None) -> Message:
        """What is wrong; for the likeliest mistake, a bare key with å, ä or ö (språk = "en"),
        which TOML does not allow unquoted, what to write instead."""
        lines = self.source.splitlines()
        text = lines[line - 1] if line and line <= len(lines) else ""
        key = text.split("=", 1)[0].strip() if "=" in text else ""
        if key and not key.isascii() and not key.startswith(('"', "'")):
            return BARE_KEY.format(key=key)
        return UNREADABLE.format(e=error)

    def error(self, table: str, key: str, message: Message) -> SamverkanError:
        location = Location(str(self.path), row=_line_of(self.source, table, key))
        if table:
            message = verbatim("[{t}] {k}: ").format(t=table, k=key) + message
        return SamverkanError(message, location)

    def known(self, data: dict[str, Any], table: str, names: tuple[str, ...]) -> None:
        for key in sorted(data):
            if key not in names:
                message = UNKNOWN_KEY.format(key=key, known=", ".join(names))
                if not table and key in PROJECT_KEYS:
                    message += _(" It belongs under [projekt].")
                else:
                    message += did_you_mean(key, names)
                raise self.error(table, key, message)

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        value = data.get(key, {})
        if not isinstance(value, dict):
            raise self.error("", key, NOT_A_TABLE.format(key=key))
        return value

    def text(self, project: dict[str, Any], key: str, default: str) -> str:
        value = project.get(key, default)
        if not isinstance(value, str):
            raise self.error("projekt", key, MUST_BE_TEXT)
        return value

    def patterns(self, project: dict[str, Any]) -> tuple[str, ...]:
        value = project.get("indata", list(DEFAULT_INPUTS))
        if not isinstance(value, list) or not value:
            raise self.error("projekt", "indata", PATTERN_LIST)
        for pattern in value:
            if not isinstance(pattern, str) or not pattern.strip():
                raise self.error("projekt", "indata", PATTERN_LIST)
            if _is_absolute(pattern):
                raise self.error("projekt", "indata", ABSOLUTE_PATTERN.format(pattern=pattern))
        return tuple(value)

    def folder(self, project: dict[str, Any]) -> str:
        value = self.text(project, "utdata", DEFAULT_OUTPUT)
        if not value.strip() or "\0" in value:
            raise self.error("projekt", "utdata", FOLDER)
        return value

    def lang(self, project: dict[str, Any]) -> Lang | None:
        value = project.get("språk")
        if value is not None and value not in LANGS:
            raise self.error("projekt", "språk", BAD_VALUE.format(allowed="sv, en"))
        return cast(Lang | None, value)

    def most_important(self, report: dict[str, Any]) -> int:
        """[rapport] viktigast: how many findings the short lists show."""
        value = report.get("viktigast", MOST_IMPORTANT)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000:
            return value
        raise self.error("rapport", "viktigast", BAD_VALUE.format(allowed="ett heltal 1–1000"))

    def day(self, project: dict[str, Any]) -> date | None:
        value = project.get("datum")
        if value is None:
            return None
        # A TOML date is a date; a TOML date-time (a datetime, also a date) or a quoted date
        # is not one.
        if type(value) is not date:
            raise self.error("projekt", "datum", NOT_A_DAY)
        problem = date_problem(value)
        if problem is not None:
            raise self.error("projekt", "datum", problem)
        return value


ERROR_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _error_line(error: tomllib.TOMLDecodeError) -> int | None:
    """The line tomllib names in its message (Python 3.11 has no attribute for it)."""
    found = ERROR_LINE.search(str(error))
    return int(found[1]) if found else None


def _composed_keys(value: Any, depth: int = 3) -> Any:
    """Tables and keys (down to a rule's settings) in composed Unicode: a quoted "språk"
    typed in decomposed form is the key språk, not an unknown key that looks the same."""
    if depth == 0 or not isinstance(value, dict):
        return value
    return {unicodedata.normalize("NFC", k): _composed_keys(v, depth - 1) for k, v in value.items()}


DEFAULT_INPUTS = ("*.xlsx",)
DEFAULT_OUTPUT = "utdata"


def _is_absolute(pattern: str) -> bool:
    """Absolute on any system: the same project file must work on Windows and Linux."""
    return PurePosixPath(pattern).is_absolute() or bool(PureWindowsPath(pattern).anchor)


def _line_of(text: str, table: str, key: str) -> int | None:
    """The line where `key` is set in `[table]` ('' for the top level), if it can be found."""
    header = re.compile(r"^\s*\[\s*[\"']?" + re.escape(table) + r"[\"']?\s*\]")
    assignment = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*[=.\]]")
    inside = not table
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("["):
            if not table and re.match(r"^\s*\[+\s*[\"']?" + re.escape(key) + r"\b", line):
                return number
            inside = bool(table) and bool(header.match(line))
        elif inside and assignment.match(line):
            return number
    return None


UNREADABLE = _("The project file cannot be read: {e}")
NOT_UTF8 = _(
    "it is not saved as UTF-8; save it again as UTF-8 (in Notepad: Save as, Encoding UTF-8)"
)
BARE_KEY = _(
    'The project file cannot be read: the key {key} has letters outside a–z and must be quoted, e.g. "{key}" = …'
)
TOO_DEEP = _("The project file has lists or tables nested too deeply to be read")
UNKNOWN_KEY = _("unknown key '{key}' (known: {known}).")
NOT_A_TABLE = _("'{key}' must be a table, [{key}], with keys below it")
RULE_TABLE = _("must be a table of the rule's settings: [regler.{rule}]")
IMPORT_TABLE = _("must be a table of the importer's settings: [import.{name}]")
MUST_BE_TEXT = _("must be a text in quotes")
PATTERN_LIST = _('must be a list of at least one file name pattern, e.g. indata = ["*.xlsx"]')
ABSOLUTE_PATTERN = _(
    "the pattern '{pattern}' is an absolute path; write patterns relative to the project folder, e.g. \"interviews/*.xlsx\""
)
FOLDER = _('must be the name of a folder, e.g. utdata = "utdata"')
NOT_A_DAY = _("must be a date without quotes and without a time, e.g. datum = 2017-04-30")
BAD_VALUE = _("invalid value (allowed: {allowed})")


def config_template(title: str, lang: Lang) -> str:
    """A new project's samverkan.toml; values written by a TOML library, so any title reads back."""
    project = tomli_w.dumps(
        {"projekt": {"namn": title, "språk": lang, "indata": ["*.xlsx"], "utdata": "utdata"}}
    )
    return f"""# Samverkanskartan – projektfil. Se docs/workbook.md och docs/rules.md.
# namn: kartans rubrik; språk: sv eller en; indata: arbetsböckerna som läses, relativt till
# den här mappen; utdata: där kartan och rapporten skrivs; datum: analysdatum (utelämnat = i dag).
{project}# datum = 2017-04-30

# [rapport]
# viktigast = 7         # antal fynd under "Viktigast att ta upp"

# Trösklar och allvarlighet per regel, till exempel:
# [regler.infrequent-or-dormant-forum]
# min_per_year = 2
# [regler.time-limited-presence]
# horizon_months = 12   # projekt och finansiering som slutar inom så många månader

# Inställningar per importör (samverkan plugins visar importörerna), till exempel:
# [import.<importör>]
"""
