"""This plugin's own catalogue: English ids, Swedish in locale/sv/LC_MESSAGES/samverkan_csv.po."""

from pathlib import Path

from samverkan.i18n import Domain

DOMAIN = Domain("samverkan_csv", Path(__file__).parent / "locale")
_ = DOMAIN.gettext
ngettext = DOMAIN.ngettext
