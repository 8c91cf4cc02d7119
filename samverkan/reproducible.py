"""Same input, same bytes: the time written into output files, and zip packages without
the moment they were made.

Formats that carry a date (a GEXF file's last-modified date, an xlsx package's created and
modified properties and the time stamp of every zip member) use `output_time`: the time
SOURCE_DATE_EPOCH gives (reproducible-builds.org), else the analysis day at midnight UTC,
else 1980-01-01, the earliest time a zip can hold. Never the clock.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from datetime import UTC, date, datetime

ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
# The W3CDTF dates in an Office package's docProps/core.xml.
_CORE_DATES = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")


def output_time(day: date | None = None) -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return max(datetime.fromtimestamp(int(epoch), UTC), ZIP_EPOCH)
    if day is not None:
        return max(datetime(day.year, day.month, day.day, tzinfo=UTC), ZIP_EPOCH)
    return ZIP_EPOCH


def stable_zip(data: bytes, when: datetime) -> bytes:
    """`data` (a zip, e.g. an xlsx) rewritten with `when` as every time it holds."""
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ").encode()
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "docProps/core.xml":
                content = _CORE_DATES.sub(rb"\g<1>" + stamp + rb"\g<2>", content)
            member = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            member.compress_type = info.compress_type
            member.external_attr = info.external_attr
            target.writestr(member, content)
    return output.getvalue()
