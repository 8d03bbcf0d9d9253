"""A real SMTP server on 127.0.0.1 for the reminder tests (aiosmtpd), optionally refusing
every recipient or stalling in DATA (to kill a sender while it waits)."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

import pytest


@dataclass
class Mailbox:
    """What the server received; set *refuse* to answer every recipient with 550, *stall* to
    hold each message in DATA unanswered (counted in *stalled*) until it is cleared, then to
    refuse it with 451 (the message is not kept)."""

    port: int = 0
    refuse: bool = False
    stall: bool = False
    stalled: int = 0
    messages: list[EmailMessage] = field(default_factory=list)

    async def handle_RCPT(
        self,
        server: Any,  # noqa: ARG002
        session: Any,  # noqa: ARG002
        envelope: Any,
        address: str,
        options: Any,  # noqa: ARG002
    ) -> str:
        if self.refuse:
            return "550 5.1.1 Postfach nicht verfügbar (Test)"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: ARG002
        if self.stall:
            self.stalled += 1
            while self.stall:
                await asyncio.sleep(0.05)
            return "451 4.3.0 Nicht angenommen (Test)"
        message = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.messages.append(message)
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        return [str(m["Subject"]) for m in self.messages]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[Mailbox]:
    """An SMTP server on 127.0.0.1 (random port) for the duration of the block."""
    controller_module = pytest.importorskip("aiosmtpd.controller")
    box = Mailbox(port=free_port())
    controller = controller_module.Controller(box, hostname="127.0.0.1", port=box.port)
    controller.start()
    try:
        yield box
    finally:
        box.stall = False
        controller.stop()
