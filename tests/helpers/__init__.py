"""What tests share that is not a fixture: paths, workbook writing, the Chromium to use.

Tests import from here (``from helpers import write_workbook``), never from conftest.py or
from one another; conftest.py holds only fixtures and hooks.
"""

from helpers.browser import CHROMIUM_ARGS, CHROMIUM_ENV, BrowserPage, chromium_path
from helpers.paths import KUMU_SAMPLES, REFERENCE_MAP, ROOT
from helpers.schemas import GEXF_NS, GRAPHML, GRAPHML_NS, gexf_errors, graphml_errors
from helpers.texts import bilingual
from helpers.workbooks import ACTORS_HEADER, CONTACTS_HEADER, write_workbook

__all__ = [
    "ACTORS_HEADER",
    "CHROMIUM_ARGS",
    "CHROMIUM_ENV",
    "CONTACTS_HEADER",
    "GEXF_NS",
    "GRAPHML",
    "GRAPHML_NS",
    "KUMU_SAMPLES",
    "REFERENCE_MAP",
    "ROOT",
    "BrowserPage",
    "bilingual",
    "chromium_path",
    "gexf_errors",
    "graphml_errors",
    "write_workbook",
]
