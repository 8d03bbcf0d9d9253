"""TOTP (RFC 6238) as second factor of local accounts, with django-otp; the QR code by segno.

django-otp (https://django-otp-official.readthedocs.io/) keeps the secret (``TOTPDevice``),
checks a code (±1 step of 30 s, each step used once, throttled after failures) and marks the
session as verified (``django_otp.login``). The QR code carries the ``otpauth://`` address of
Google's Key URI Format, which every authenticator app reads; segno draws it as inline SVG
(https://segno.readthedocs.io/), without Pillow.
"""

from __future__ import annotations

from base64 import b32encode
from binascii import unhexlify
from typing import Any

import segno
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from vereinbarung.web import clock
from vereinbarung.web.operation.audit import log_change

#: A code is six digits; anything longer is refused before it reaches django-otp.
CODE_LENGTH = 6


def confirmed_device(user: Any) -> TOTPDevice | None:
    """The user's confirmed TOTP device, or None."""
    found: TOTPDevice | None = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return found


def pending_device(user: Any) -> TOTPDevice:
    """The user's device being set up (unconfirmed), made on first call."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, confirmed=False, defaults={"name": "Authenticator-App"}
    )
    return device


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four (for typing it into an app)."""
    text = b32encode(unhexlify(device.key)).decode("ascii").rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def qr_svg(device: TOTPDevice) -> str:
    """The device's ``otpauth://`` address as an inline SVG QR code (with a German title)."""
    code = segno.make(device.config_url, error="m")
    svg: str = code.svg_inline(
        scale=4, title="QR-Code für die Authenticator-App", dark="#000", light="#fff"
    )
    return svg


def clean_code(text: str) -> str:
    """The code as typed without blanks; '' when it is not six digits."""
    code = "".join(text.split())[:20]
    return code if len(code) == CODE_LENGTH and code.isascii() and code.isdigit() else ""


WRONG = "Der Code stimmt nicht (sechs Ziffern aus der App; sie wechseln alle 30 Sekunden)."
WAIT = "Zu viele falsche Codes: bitte {wait} warten und dann den neuen Code eingeben."


def verify(request: HttpRequest, device: TOTPDevice, text: str) -> str:
    """Check *text* against *device*: '' and the session marked verified, or the error text.

    After each wrong code django-otp refuses every code for 1, 2, 4, … seconds
    (``ThrottlingMixin``), so that six digits cannot be guessed."""
    allowed, details = device.verify_is_allowed()
    if not allowed:
        until = (details or {}).get("locked_until")
        seconds = max(1, int((until - clock.now()).total_seconds()) + 1) if until else 1
        return WAIT.format(wait="eine Sekunde" if seconds == 1 else f"{seconds} Sekunden")
    code = clean_code(text)
    if not code:
        device.throttle_increment()
        return WRONG
    if not device.verify_token(code):
        return WRONG
    otp_login(request, device)
    return ""


def confirm(request: HttpRequest, device: TOTPDevice, text: str) -> str:
    """Confirm the pending *device* with a first right code (and verify the session); '' or
    the error text."""
    error = verify(request, device, text)
    if error:
        return error
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user, confirmed=False).delete()
    log_change(request.user.get_username(), "zweiten Faktor (TOTP) eingerichtet")
    return ""


def remove(user: Any, by: str) -> bool:
    """Remove all of *user*'s devices (lost phone); logged with *by*."""
    count, _ = TOTPDevice.objects.filter(user=user).delete()
    if count:
        log_change(by, "zweiten Faktor (TOTP) entfernt", benutzer=user.get_username())
    return bool(count)
