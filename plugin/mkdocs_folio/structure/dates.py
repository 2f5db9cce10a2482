"""Post dates: front matter values and dates encoded in file paths."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, tzinfo

from .errors import describe

_PATH_DATE = re.compile(
    r"(?:^|/)(?P<y>\d{4})[/-](?P<m>\d{1,2})[/-](?P<d>\d{1,2})(?:[/-]|$)",
)


class DateValueError(ValueError):
    """The value is not a date; the message says what was expected."""


def parse_date(value: object, zone: tzinfo = UTC) -> datetime:
    """Turn a YAML date, datetime or ISO string into an aware datetime.

    Naive values are read in `zone`, the site's time zone.
    """
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())
    elif isinstance(value, str) and value.strip():
        text = value.strip()
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            raise DateValueError(f"must be a date like 2026-03-14, got {describe(value)}") from None
    else:
        raise DateValueError(f"must be a date like 2026-03-14, got {describe(value)}")
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone)
    return moment


def date_from_path(path: str, zone: tzinfo = UTC) -> datetime | None:
    """The date in `2026/03/14/name.md` or `2026-03-14-name.md`, if the path has one."""
    match = _PATH_DATE.search(path)
    if match is None:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return datetime.combine(day, time(), tzinfo=zone)


def format_date(moment: datetime, pattern: str) -> str:
    """strftime, plus `%-d` for the day without a leading zero on every platform."""
    return moment.strftime(pattern.replace("%-d", str(moment.day)))
