"""Stand-in for pytz, which taxii2client imports for pytz.utc only (localize, and as a tzinfo)."""
import datetime


class _Utc(datetime.tzinfo):
    def utcoffset(self, dt):
        return datetime.timedelta(0)

    def dst(self, dt):
        return datetime.timedelta(0)

    def tzname(self, dt):
        return "UTC"

    def localize(self, dt):
        return dt.replace(tzinfo=self)


utc = _Utc()
