"""Texts that test plugins make up on the spot, in both languages, without a catalogue."""

from samverkan.i18n import Lang, Message, lazy


def bilingual(sv: str, en: str) -> Message:
    """A message that reads `sv` in Swedish and `en` in English."""
    texts: dict[Lang, str] = {"sv": sv, "en": en}
    return lazy(texts.__getitem__)
