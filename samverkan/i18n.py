"""Texts users read: Swedish by default, English a flag away, from gettext catalogues.

Message ids are the English texts. `_("Weak contact")` and `ngettext("{n} contact",
"{n} contacts", n)` make a `Message` at once (at import time for module constants and rule
titles) and translate it only when it is rendered with `.text(lang)`; `.format(**values)`
and `+` stay lazy too. The catalogues are the `.po` files under `samverkan/locale`, read
once per process and language (no compiled `.mo` to keep in sync). A plugin ships its own
catalogue with `Domain(name, localedir)`; see docs/i18n.md.
"""

from __future__ import annotations

import ast
import gettext
import io
import os
import struct
import types
from collections.abc import Callable, Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Literal

Lang = Literal["sv", "en"]
LANGS: tuple[Lang, ...] = ("sv", "en")
DEFAULT_LANG: Lang = "sv"

CONTEXT_SEPARATOR = "\x04"  # gettext's joint between a message context and its id


class Message:
    """A user-facing text, formatted and translated late so it can be rendered in any language.

    Two messages are equal when they read the same in every language.
    """

    __slots__ = ()

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        raise NotImplementedError

    @property
    def sv(self) -> str:
        return self.text("sv")

    @property
    def en(self) -> str:
        return self.text("en")

    def format(self, **values: object) -> Message:
        """Fill `{name}` placeholders; a value that is a Message is rendered in the same language."""
        return _Formatted(self, values)

    def __add__(self, other: Message | str) -> Message:
        return _Joined((self, _as_message(other)))

    def __radd__(self, other: str) -> Message:
        return _Joined((_as_message(other), self))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Message):
            return NotImplemented
        return self is other or all(self.text(lang) == other.text(lang) for lang in LANGS)

    def __hash__(self) -> int:
        # Swedish only: enough for equal messages to hash alike, and the other language is
        # then rendered only for the few messages whose Swedish is the same.
        return hash(self.text(DEFAULT_LANG))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.text('en')!r})"


def _as_message(value: Message | str) -> Message:
    return value if isinstance(value, Message) else verbatim(value)


def _fill(template: str, values: Mapping[str, object], lang: Lang) -> str:
    if not values:
        return template
    return template.format(
        **{k: v.text(lang) if isinstance(v, Message) else v for k, v in values.items()}
    )


class _Text(Message):
    __slots__ = ("context", "domain", "key", "last", "last_lang", "msgid", "values")

    def __init__(
        self, domain: Domain, msgid: str, context: str | None, values: Mapping[str, object]
    ) -> None:
        self.domain, self.msgid, self.context, self.values = domain, msgid, context, values
        self.key = msgid if context is None else context + CONTEXT_SEPARATOR + msgid
        self.last_lang: Lang | None = None  # the language last read and its text
        self.last = ""

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        if lang != self.last_lang:
            template = self.domain.translate(lang, self.key)
            self.last = _fill(template, self.values, lang) if self.values else template
            self.last_lang = lang
        return self.last

    def format(self, **values: object) -> Message:
        return _Text(self.domain, self.msgid, self.context, {**self.values, **values})


class _Plural(Message):
    __slots__ = ("context", "domain", "plural", "singular", "values")

    def __init__(
        self,
        domain: Domain,
        singular: str,
        plural: str,
        context: str | None,
        values: Mapping[str, object],
    ) -> None:
        self.domain, self.singular, self.plural = domain, singular, plural
        self.context, self.values = context, values

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        found, n = self.domain.translations(lang), int(self.values["n"])  # type: ignore[call-overload]
        if self.context is None:
            template = found.ngettext(self.singular, self.plural, n)
        else:
            template = found.npgettext(self.context, self.singular, self.plural, n)
        return _fill(template, self.values, lang)

    def format(self, **values: object) -> Message:
        merged = {**self.values, **values}
        return _Plural(self.domain, self.singular, self.plural, self.context, merged)


class _Formatted(Message):
    __slots__ = ("base", "values")

    def __init__(self, base: Message, values: Mapping[str, object]) -> None:
        self.base, self.values = base, values

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        return _fill(self.base.text(lang), self.values, lang)


class _Joined(Message):
    __slots__ = ("parts",)

    def __init__(self, parts: tuple[Message, ...]) -> None:
        self.parts = parts

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        return "".join(part.text(lang) for part in self.parts)

    def __add__(self, other: Message | str) -> Message:
        return _Joined((*self.parts, _as_message(other)))


class _Verbatim(Message):
    __slots__ = ("value",)

    def __init__(self, value: str) -> None:
        self.value = value

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        return self.value


class _Lazy(Message):
    __slots__ = ("lang", "make", "rendered")

    def __init__(self, make: Callable[[Lang], str]) -> None:
        self.make = make
        self.lang: Lang | None = None  # the last language read and its text: a run reads one
        self.rendered = ""

    def text(self, lang: Lang = DEFAULT_LANG) -> str:
        if lang != self.lang:
            self.rendered, self.lang = self.make(lang), lang
        return self.rendered


def verbatim(value: str) -> Message:
    """A text that reads the same in every language: a name, a number, a separator."""
    return _Verbatim(value)


def lazy(make: Callable[[Lang], str]) -> Message:
    """A text composed per language by `make(lang)`, called only when (and once) it is read.

    For sentences built from translated pieces, list words and labels. The variables `make`
    closes over are bound now, as if evaluated at once, so a loop that creates several
    messages gives each its own values.
    """
    return _Lazy(_bound_now(make))


def _bound_now(make: Callable[[Lang], str]) -> Callable[[Lang], str]:
    if not isinstance(make, types.FunctionType) or not make.__closure__:
        return make
    cells = tuple(types.CellType(cell.cell_contents) for cell in make.__closure__)
    return types.FunctionType(
        make.__code__, make.__globals__, make.__name__, make.__defaults__, cells
    )


class Domain:
    """One gettext catalogue: `localedir/<lang>/LC_MESSAGES/<name>.po` for each language.

    The core's is `samverkan.i18n.SAMVERKAN`; a plugin makes its own with its package's
    locale folder and takes `_ = Domain("my_plugin", HERE / "locale").gettext`.
    """

    def __init__(self, name: str, localedir: Path) -> None:
        self.name, self.localedir = name, Path(localedir)
        self._read: dict[Lang, gettext.NullTranslations] = {}
        self._known: dict[Lang, dict[str, str]] = {}  # lang -> key -> translation, as asked
        self._messages: dict[str, Message] = {}

    def po_file(self, lang: Lang) -> Path:
        return self.localedir / lang / "LC_MESSAGES" / f"{self.name}.po"

    def translations(self, lang: Lang) -> gettext.NullTranslations:
        """The catalogue of `lang`, read on first use (every text read asks for it)."""
        found = self._read.get(lang)
        if found is None:
            found = self._read[lang] = _translations(self.po_file(lang))
        return found

    def translate(self, lang: Lang, key: str) -> str:
        """The translation of `key` (a msgid, or context + "\\x04" + msgid), remembered:
        rules ask for the same few hundred texts for every flag."""
        known = self._known.get(lang)
        if known is None:
            known = self._known[lang] = {}
        found = known.get(key)
        if found is None:
            context, _, msgid = key.rpartition(CONTEXT_SEPARATOR)
            catalogue = self.translations(lang)
            found = catalogue.pgettext(context, msgid) if context else catalogue.gettext(msgid)
            known[key] = found
        return found

    def gettext(self, message: str) -> Message:
        # One object per id: rules ask for the same phrase in every flag they explain.
        found = self._messages.get(message)
        if found is None:
            found = self._messages[message] = _Text(self, message, None, {})
        return found

    def pgettext(self, context: str, message: str) -> Message:
        return _Text(self, message, context, {})

    def ngettext(self, singular: str, plural: str, n: int) -> Message:
        """`{n}` in either form is the count."""
        return _Plural(self, singular, plural, None, {"n": n})

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> Message:
        return _Plural(self, singular, plural, context, {"n": n})


@cache
def _translations(po_file: Path) -> gettext.NullTranslations:
    """The catalogue read from its .po file once per process; none found means English."""
    try:
        source = po_file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return gettext.NullTranslations()
    return gettext.GNUTranslations(io.BytesIO(mo_bytes(read_po(source))))


PoKey = tuple[str | None, str]  # (context, msgid)


class PoEntry:
    """One translation: its singular and plural ids, its strings, whether it is fuzzy."""

    __slots__ = ("context", "fuzzy", "msgid", "plural", "strings")

    def __init__(self) -> None:
        self.context: str | None = None
        self.msgid = ""
        self.plural: str | None = None
        self.strings: dict[int, str] = {}
        self.fuzzy = False

    @property
    def key(self) -> PoKey:
        return (self.context, self.msgid)


def read_po(source: str) -> list[PoEntry]:
    """The entries of a .po file, the header (msgid "") first; obsolete (#~) ones left out."""
    entries: list[PoEntry] = []
    entry, field = PoEntry(), ""
    for raw in source.splitlines():
        line = raw.strip()
        if line.startswith("#"):
            if field:  # comments come before their entry: this one starts the next
                entries.append(entry)
                entry, field = PoEntry(), ""
            if line.startswith("#,"):
                entry.fuzzy |= "fuzzy" in (flag.strip() for flag in line[2:].split(","))
            continue
        if not line:
            continue
        if line.startswith('"'):
            _append(entry, field, _unquote(line))
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in ("msgctxt", "msgid") and field not in ("", "msgctxt"):
            entries.append(entry)
            entry = PoEntry()
        field = keyword
        _set(entry, field, _unquote(rest))
    if field:
        entries.append(entry)
    return entries


def _unquote(text: str) -> str:
    value = ast.literal_eval(text.strip())
    if not isinstance(value, str):
        raise ValueError(f"not a .po string: {text}")
    return value


def _set(entry: PoEntry, field: str, value: str) -> None:
    if field == "msgctxt":
        entry.context = value
    elif field == "msgid":
        entry.msgid = value
    elif field == "msgid_plural":
        entry.plural = value
    elif field == "msgstr":
        entry.strings[0] = value
    elif field.startswith("msgstr["):
        entry.strings[int(field[7:-1])] = value
    else:
        raise ValueError(f"unknown .po keyword: {field}")


def _append(entry: PoEntry, field: str, value: str) -> None:
    current = {
        "msgctxt": entry.context or "",
        "msgid": entry.msgid,
        "msgid_plural": entry.plural or "",
    }.get(field)
    if current is None:
        index = 0 if field == "msgstr" else int(field[7:-1])
        current = entry.strings.get(index, "")
    _set(entry, field, current + value)


def mo_bytes(entries: Iterable[PoEntry]) -> bytes:
    """A GNU .mo file of the translated, not fuzzy entries, as msgfmt writes it; UTF-8."""
    pairs: dict[bytes, bytes] = {b"": b"Content-Type: text/plain; charset=UTF-8\n"}
    for entry in entries:
        strings = [entry.strings.get(i, "") for i in range(max(entry.strings, default=-1) + 1)]
        if (entry.fuzzy and entry.msgid) or not any(strings):
            continue
        key = entry.msgid if entry.plural is None else f"{entry.msgid}\0{entry.plural}"
        if entry.context is not None:
            key = entry.context + CONTEXT_SEPARATOR + key
        if not key and "charset=" not in strings[0]:  # the file was read as UTF-8
            strings[0] += "Content-Type: text/plain; charset=UTF-8\n"
        pairs[key.encode()] = "\0".join(strings).encode()
    keys = sorted(pairs)
    start = 7 * 4 + 16 * len(keys)
    ids = b"".join(k + b"\0" for k in keys)
    strs = b"".join(pairs[k] + b"\0" for k in keys)
    table, offset = [], start
    for k in keys:
        table.append((len(k), offset))
        offset += len(k) + 1
    values, offset = [], start + len(ids)
    for k in keys:
        values.append((len(pairs[k]), offset))
        offset += len(pairs[k]) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, len(keys), 7 * 4, 7 * 4 + 8 * len(keys), 0, 0)
    cells = [n for pair in [*table, *values] for n in pair]
    return header + struct.pack(f"{len(cells)}i", *cells) + ids + strs


SAMVERKAN = Domain("samverkan", Path(__file__).parent / "locale")
_ = SAMVERKAN.gettext
ngettext = SAMVERKAN.ngettext
pgettext = SAMVERKAN.pgettext
npgettext = SAMVERKAN.npgettext


def lang_from_env(default: Lang = DEFAULT_LANG) -> Lang:
    """The language chosen with SAMVERKAN_LANG, for callers that have no --lang option."""
    value = os.environ.get("SAMVERKAN_LANG", default)
    return value if value in LANGS else default


def decimal(value: float, lang: Lang, places: int | None = None) -> str:
    """2.5 as '2,5' in Swedish and '2.5' in English; `places` fixes the number of decimals."""
    text = f"{value:g}" if places is None else f"{value:.{places}f}"
    return text.replace(".", ",") if lang == "sv" else text


# The Swedish alphabet ends … x, y, z, å, ä, ö; code points put ä before å. Names in a map
# are Swedish whatever the reader's language, so lists of them follow it in both.
_SWEDISH_ORDER = str.maketrans(
    {"å": "z\u0001", "ä": "z\u0002", "æ": "z\u0002", "ö": "z\u0003", "ø": "z\u0003"}
    | {"é": "e", "è": "e", "à": "a", "á": "a", "ü": "y"}
)


def alphabetical(text: str) -> str:
    """The sort key of a name in the Swedish alphabet: Arboga, Åre, Älvdalen, Örebro."""
    return text.casefold().translate(_SWEDISH_ORDER)


def join(items: Iterable[str], lang: Lang) -> str:
    """'A, B och C' — a human list in the given language."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return AND.format(first=", ".join(items[:-1]), last=items[-1]).text(lang)


AND = _("{first} and {last}")


def closes_sentence(text: str) -> bool:
    """Whether the text ends a sentence: '… slut.' or a quote or bracket that does, '”… slut.”'."""
    return text.rstrip("”’'\")")[-1:] in (".", "!", "?", "…")
