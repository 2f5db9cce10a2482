"""Post dates: front matter values and dates encoded in file paths."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache

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
    return whole_minute_offset(moment)


def whole_minute_offset(moment: datetime) -> datetime:
    """The same clock time, with its offset rounded to the nearest whole minute.

    RSS and email dates write offsets as +HHMM: `+05:30:15` (or a zone's old local mean time,
    like Kolkata's +05:53:28 before 1870) would come out as `+053015`, which readers take as
    days off. Keeping the clock time keeps the date the author wrote; the instant moves by
    under 30 seconds.
    """
    offset = moment.utcoffset()
    if offset is None or offset % timedelta(minutes=1) == timedelta(0):
        return moment
    minutes = round(offset / timedelta(minutes=1))
    return moment.replace(tzinfo=timezone(timedelta(minutes=minutes)))


def date_from_path(path: str, zone: tzinfo = UTC) -> datetime | None:
    """The date in `2026/03/14/name.md` or `2026-03-14-name.md`, if the path has one."""
    match = _PATH_DATE.search(path)
    if match is None:
        return None
    try:
        day = date(int(match["y"]), int(match["m"]), int(match["d"]))
    except ValueError:
        return None
    return whole_minute_offset(datetime.combine(day, time(), tzinfo=zone))


def format_date(moment: datetime, pattern: str) -> str:
    """strftime, plus `%-d` for the day without a leading zero on every platform."""
    # Equal aware datetimes may show different wall times: the zone and fold are keys too.
    return _formatted(moment, moment.tzinfo, moment.fold, pattern)


# A listing, the archive, the feeds and the palette each format every post's date, every
# build; strftime costs ten times the lookup.
@lru_cache(maxsize=16_384)
def _formatted(moment: datetime, zone: tzinfo | None, fold: int, pattern: str) -> str:
    return moment.strftime(pattern.replace("%-d", str(moment.day)))
