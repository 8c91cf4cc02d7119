"""Identity: how names are compared and how facts without an id get one.

Ids are identity, names are labels. An importer that has no id for a fact leaves `id`
empty (`AUTO_ID`); the core then gives it one from its name (named facts) or from where it
was read (contacts, gaps, events). Automatic ids are readable (`Kävlinge kommun` →
`kavlinge-kommun`, `Москва` → `москва`), stable from run to run and unique: when two
different names give the same readable id, the one that sorts first keeps it and the
others get a short suffix computed from their own name, so no input order decides.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

AUTO_ID = ""

# Latin letters that Unicode does not decompose into a base letter and an accent.
_LATIN_LETTERS = str.maketrans(
    {"ø": "o", "æ": "ae", "œ": "oe", "ß": "ss", "þ": "th", "ð": "d", "đ": "d", "ł": "l", "ı": "i"}
)


# Joiners that are part of spelling (Persian, Indic scripts) and of emoji: kept.
_JOINERS = frozenset("\u200c\u200d")


def visible(text: str) -> str:
    """`text` without invisible format characters (zero-width space, soft hyphen, byte order
    mark, direction marks), which a copy from a web page or a PDF leaves in a name: two names
    that look the same must be the same name."""
    if text.isprintable():  # C speed: no format character (nor any other unprintable) here
        return text
    return "".join(char for char in text if char in _JOINERS or unicodedata.category(char) != "Cf")


def blank(text: str) -> bool:
    """Nothing anyone can see: empty, white space, or only invisible format characters (a
    cell holding a lone zero-width space is as empty as one holding a space)."""
    stripped = text.strip()
    return not stripped or (not stripped.isprintable() and not visible(stripped).strip())


@lru_cache(maxsize=1 << 16)  # names repeat thousands of times in a national map
def normalise(name: str) -> str:
    """The form names, aliases, ids and choices are compared in (docs/workbook.md):
    Unicode's form for caseless identifier matching (NFKC_Casefold, UAX #31), so "ＡＦ"
    (fullwidth) is "AF" and "ﬁ" is "fi"; runs of white space as one space, no space at the
    ends, no invisible format characters (see `visible`). Only compared: labels are kept
    as written.

    NFKC comes before case folding (it makes capitals: "ϒ" -> "Υ") and after it (folding
    decomposes some letters), so the form is its own fixed point; spaces are collapsed
    last because NFKC makes some (U+3000, "¨" -> " ̈")."""
    folded = unicodedata.normalize("NFKC", visible(name)).casefold()
    return " ".join(unicodedata.normalize("NFKC", folded).split())


@lru_cache(maxsize=1 << 16)
def slugify(text: str) -> str:
    """A readable id from a name: 'AF:s kontor i Kävlinge' -> 'af-s-kontor-i-kavlinge'.

    Accents come off Latin letters ('Øresund' -> 'oresund'); letters of other scripts are
    kept as they are ('Москва' -> 'москва'). A name with no letter or digit gives 'x'; the
    id allocator makes such ids distinct.
    """
    folded = unicodedata.normalize("NFKC", visible(text)).casefold().translate(_LATIN_LETTERS)
    kept: list[str] = []
    for char in unicodedata.normalize("NFD", folded):
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue  # an accent on a Latin letter: 'ä' -> 'a'
        keep = char.isalnum() or unicodedata.category(char).startswith("M")
        kept.append(char if keep else "-")
    slug = re.sub(r"-+", "-", unicodedata.normalize("NFC", "".join(kept))).strip("-")
    return slug or "x"


def allocate(requests: Iterable[tuple[str, str]], taken: set[str]) -> dict[str, str]:
    """Unique ids for (wanted id, identity key) pairs; `taken` holds the comparison forms
    (`normalise`) of ids already in use, since ids are compared in that form: an automatic
    'af-lund' beside a given 'AF-LUND' would be one id to every reader of the map.

    The result maps each identity key to its id and does not depend on the order of
    `requests`: within one wanted id, keys are served in sorted order. `taken` grows.
    """
    by_wanted: dict[str, set[str]] = defaultdict(set)
    for wanted, key in requests:
        by_wanted[wanted].add(key)
    ids: dict[str, str] = {}
    clashing = []
    for wanted, keys in by_wanted.items():  # most wanted ids are free and asked for once
        if len(keys) == 1 and normalise(wanted) not in taken:
            ids[next(iter(keys))] = wanted
            taken.add(normalise(wanted))
        else:
            clashing.append(wanted)
    for wanted in sorted(clashing):
        for key in sorted(by_wanted[wanted]):
            free = normalise(wanted) not in taken
            ids[key] = wanted if free else _suffixed(wanted, key, taken)
            taken.add(normalise(ids[key]))
    return ids


def _suffixed(wanted: str, key: str, taken: set[str]) -> str:
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()
    for length in range(6, len(digest) + 1, 2):
        candidate = f"{wanted}-{digest[:length]}"
        if normalise(candidate) not in taken:
            return candidate
    raise ValueError(f"no free id for {wanted!r}")  # 2**256 ids taken: not reachable
