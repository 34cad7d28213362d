"""What every request to a server shares: who we are, credentials, retries and error messages.

Credentials come from the environment only (``ATELIER_KG_TOKEN`` for a bearer token, or
``ATELIER_KG_USER`` and ``ATELIER_KG_PASSWORD`` for HTTP Basic), never from the command line,
and never appear in a message. A 429 or 503 answer is retried with exponential backoff, waiting
what ``Retry-After`` asks when the server says.
"""

from __future__ import annotations

import base64
import os
import time
import urllib.error
import urllib.parse
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from typing import TypeVar

from atelier_kg.errors import EndpointError, UsageError
from atelier_kg.version import __version__

T = TypeVar("T")

USER_AGENT = f"atelier-kg/{__version__} (+https://w3id.org/atelier-kg; knowledge-graph toolkit)"
RETRY_STATUS = (429, 503)
ATTEMPTS = 5
MAX_WAIT = 120.0


def check_url(url: str) -> str:
    """The URL if it is an http(s) URL without credentials in it; else :class:`UsageError`."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UsageError(f"{url!r} is not an http(s) URL of an endpoint")
    if parts.username or parts.password:
        raise UsageError(
            "credentials in the URL are refused (they would end up in logs); "
            "set ATELIER_KG_USER and ATELIER_KG_PASSWORD, or ATELIER_KG_TOKEN, in the environment"
        )
    return url


def auth_headers() -> dict[str, str]:
    """The Authorization header the environment asks for, if any."""
    token = os.environ.get("ATELIER_KG_TOKEN")
    if token:
        return {"Authorization": f"Bearer {token}"}
    user, password = os.environ.get("ATELIER_KG_USER"), os.environ.get("ATELIER_KG_PASSWORD")
    if user and password is not None:
        basic = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
        return {"Authorization": f"Basic {basic}"}
    return {}


def retry_after(value: str | None, default: float) -> float:
    """Seconds to wait from a ``Retry-After`` header (seconds or an HTTP date), else ``default``."""
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return default
    return max(0.0, when.timestamp() - time.time())


def server_message(body: bytes | str | None, limit: int = 500) -> str:
    """The server's own words about an error, on one line and not too long."""
    if body is None:
        return ""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else str(body)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def with_retries(
    send: Callable[[], T],
    url: str,
    timeout: float,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Call ``send()``; retry on 429/503 as the server asks; turn failures into :class:`EndpointError`."""
    for attempt in range(ATTEMPTS):
        try:
            return send()
        except urllib.error.HTTPError as exc:
            body = server_message(exc.read())
            if exc.code in RETRY_STATUS and attempt + 1 < ATTEMPTS:
                wait = retry_after(exc.headers.get("Retry-After"), default=float(2**attempt))
                if wait > MAX_WAIT:
                    raise EndpointError(
                        f"{url}: HTTP {exc.code}; the server asks to wait {wait:.0f} s — try again later"
                    ) from None
                sleep(wait)
                continue
            raise EndpointError(f"{url}: HTTP {exc.code} {exc.reason}: {body}".rstrip(": ")) from None
        except TimeoutError:
            raise EndpointError(f"{url}: no answer within {timeout:g} s (raise --timeout?)") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise EndpointError(f"{url}: no answer within {timeout:g} s (raise --timeout?)") from None
            raise EndpointError(f"{url}: cannot reach the server ({exc.reason})") from None
        except ConnectionError as exc:
            raise EndpointError(f"{url}: the connection failed ({exc})") from None
    raise EndpointError(f"{url}: still busy after {ATTEMPTS} attempts — try again later")
