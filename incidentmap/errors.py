"""A small exception tree, modelled on geopy's: callers catch what they can act on."""


class IncidentMapError(Exception):
    """Base class for every error this package raises on purpose."""


class InputError(IncidentMapError, ValueError):
    """The input cannot be analysed (empty, binary, too large…); the message says why, for a user."""


class GazetteerError(IncidentMapError):
    """The offline gazetteer files are missing or malformed."""


class GeocoderError(IncidentMapError):
    """An online geocoder failed; callers fall back to the offline answer."""


class GeocoderUnavailable(GeocoderError):
    """Network, DNS, timeout or 5xx: the service could not be reached or answer."""


class GeocoderRateLimited(GeocoderError):
    """HTTP 429: too many requests."""

    def __init__(self, message: str, *, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class GeocoderBadResponse(GeocoderError):
    """The service answered with something we cannot read (malformed JSON, odd shape)."""


class StoreError(IncidentMapError):
    """The corpus store cannot be opened, read or written (missing file, other schema version, locked)."""


class CorrectionError(IncidentMapError, ValueError):
    """A correction that cannot be made or applied (unknown type, no such place, bad coordinates)."""
