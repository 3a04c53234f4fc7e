"""The kiosk administrator's PIN: stored only as a salted, slow hash.

The configuration file may be readable by anyone on a training-room PC, so
it holds ``scrypt`` of the PIN with a random salt, never the PIN. scrypt is
in the standard library (``hashlib``) and is deliberately costly in memory
and time, so trying every 4-8 digit PIN against a stolen file takes long;
on top of that, the prompt locks after a few wrong PINs (``Lockout``).
Comparisons use ``hmac.compare_digest`` so timing says nothing about how
close a guess was. A stored value that cannot be read never matches.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

#: scrypt's cost: 16 MiB of memory and about 70 ms a try on a desktop.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
SALT_BYTES = 16
KEY_BYTES = 32
PREFIX = "scrypt"

#: What a PIN is: digits only (a touch screen shows a keypad), 4 to 12 of them.
PIN_SHAPE = re.compile(r"[0-9]{4,12}")
_STORED = re.compile(
    r"scrypt\$(?P<n>[0-9]{1,8})\$(?P<r>[0-9]{1,3})\$(?P<p>[0-9]{1,3})"
    r"\$(?P<salt>[A-Za-z0-9+/=]{8,88})\$(?P<key>[A-Za-z0-9+/=]{8,88})"
)

#: Wrong PINs allowed before the prompt locks, and the first lock's length.
ATTEMPTS_BEFORE_LOCK = 5
FIRST_LOCK_SECONDS = 30.0
LONGEST_LOCK_SECONDS = 3600.0


class PinError(ValueError):
    """A PIN that cannot be used, in words an administrator can act on."""


def check_pin_shape(pin: str) -> None:
    if not PIN_SHAPE.fullmatch(pin):
        raise PinError("A PIN must be 4 to 12 digits (0-9), with nothing else in it.")


def hash_pin(pin: str, *, salt: bytes | None = None) -> str:
    """The text to store for *pin*: ``scrypt$N$r$p$salt$key``, both in base64."""
    check_pin_shape(pin)
    salt = secrets.token_bytes(SALT_BYTES) if salt is None else salt
    key = _derive(pin, salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
    encode = base64.b64encode
    return (
        f"{PREFIX}${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${encode(salt).decode()}${encode(key).decode()}"
    )


def stored_problem(stored: str) -> str | None:
    """Why *stored* is not a PIN hash this program can check, or None if it is."""
    match = _STORED.fullmatch(stored.strip())
    if match is None:
        return "is not a PIN hash made by 'smguide kiosk-pin' (scrypt$N$r$p$salt$key)"
    n, r, p = int(match["n"]), int(match["r"]), int(match["p"])
    if n < 2**10 or n > 2**20 or n & (n - 1) or not 1 <= r <= 32 or not 1 <= p <= 16:
        return "has scrypt costs outside what smguide accepts"
    try:
        base64.b64decode(match["salt"], validate=True)
        key = base64.b64decode(match["key"], validate=True)
    except ValueError:
        return "has a salt or key that is not base64"
    if len(key) < 16:
        return "has a key that is too short"
    return None


def verify_pin(pin: str, stored: str) -> bool:
    """Whether *pin* is the PIN *stored* was made from; never true for a damaged *stored*."""
    match = _STORED.fullmatch(stored.strip())
    if match is None or stored_problem(stored) is not None or not PIN_SHAPE.fullmatch(pin):
        # Still spend the work, so a malformed guess is not quicker to reject.
        _derive("0000", b"\0" * SALT_BYTES, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        return False
    salt = base64.b64decode(match["salt"])
    key = base64.b64decode(match["key"])
    n, r, p = int(match["n"]), int(match["r"]), int(match["p"])
    return hmac.compare_digest(_derive(pin, salt, n, r, p, len(key)), key)


def _derive(pin: str, salt: bytes, n: int, r: int, p: int, length: int = KEY_BYTES) -> bytes:
    memory = 128 * r * (n + p + 2) + 1024 * 1024
    return hashlib.scrypt(
        pin.encode("utf-8"), salt=salt, n=n, r=r, p=p, maxmem=memory, dklen=length
    )


@dataclass
class Lockout:
    """Wrong PINs counted, and how long the prompt stays locked after too many.

    After ``ATTEMPTS_BEFORE_LOCK`` wrong PINs the prompt locks for 30 s; every
    further wrong PIN doubles the lock, up to an hour. Times are passed in
    (any monotonic clock), so tests need not wait. Held in memory only: a
    kiosk writes nothing, and it cannot be restarted without the PIN.
    """

    failures: int = 0
    locked_until: float = 0.0

    def remaining(self, now: float) -> float:
        """Seconds until a PIN may be tried again (0 when it may now)."""
        return max(0.0, self.locked_until - now)

    def failed(self, now: float) -> float:
        """Count a wrong PIN at *now*; returns the seconds the prompt is now locked for."""
        self.failures += 1
        extra = self.failures - ATTEMPTS_BEFORE_LOCK
        if extra < 0:
            return 0.0
        seconds = min(LONGEST_LOCK_SECONDS, FIRST_LOCK_SECONDS * 2.0 ** min(extra, 16))
        self.locked_until = now + seconds
        return seconds

    def succeeded(self) -> None:
        self.failures = 0
        self.locked_until = 0.0
