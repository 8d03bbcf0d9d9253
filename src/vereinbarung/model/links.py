"""A link of the project profile (Steckbrief): a title with its web address.

Files may write a link as ``{title: …, url: https://…}``, as a bare address
(``https://www.rhein-kreis-neuss.de``) or, as older files do, as a title alone (printed without
an address). A file is written back in the shortest of these forms.

>>> Link.model_validate("https://www.rhein-kreis-neuss.de").url
'https://www.rhein-kreis-neuss.de'
>>> Link.model_validate("Rhein-Kreis Neuss").url is None
True
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from pydantic import (
    Field,
    GetJsonSchemaHandler,
    field_validator,
    model_serializer,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from vereinbarung.model.fields import Text
from vereinbarung.model.parties import FrozenModel

__all__ = ["Link", "check_url"]

_ADDRESS = re.compile(r"^(https?://|www\.)\S+$", re.IGNORECASE)


def check_url(value: str) -> str:
    """*value* as a web address (``www.…`` gets ``https://``); a German error otherwise."""
    text = value.strip()
    if text.lower().startswith("www."):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or " " in text:
        raise ValueError(
            f"»{value}« ist keine Web-Adresse (erwartet: https://… oder www.…, ohne Leerzeichen)"
        )
    return text


class Link(FrozenModel):
    """A link of the Steckbrief: title and web address (one of them at least)."""

    title: Text | None = Field(
        default=None, description="Angezeigter Text, z. B. Rhein-Kreis Neuss"
    )
    url: Text | None = Field(
        default=None, description="Web-Adresse, z. B. https://www.rhein-kreis-neuss.de"
    )

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            return {"url": data} if _ADDRESS.match(data.strip()) else {"title": data}
        return data

    @field_validator("url")
    @classmethod
    def _address(cls, value: str | None) -> str | None:
        return None if value is None else check_url(value)

    @model_validator(mode="after")
    def _something(self) -> Link:
        if self.title is None and self.url is None:
            raise ValueError("ein Link braucht title (Text) oder url (Web-Adresse)")
        return self

    @model_serializer(mode="plain")
    def _shortest(self) -> str | dict[str, str]:
        if self.url is None:
            return self.title or ""
        if self.title is None:
            return self.url
        return {"title": self.title, "url": self.url}

    @classmethod
    def __get_pydantic_json_schema__(
        cls, core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        # files may also write a link as a string (an address or a title)
        schema = handler.resolve_ref_schema(handler(core_schema))
        inner = {k: v for k, v in schema.items() if k not in ("description", "title")}
        titles = {"title": "Titel", "url": "Web-Adresse"}
        inner["properties"] = {
            name: {**prop, "title": titles[name]} for name, prop in inner["properties"].items()
        }
        return {
            "anyOf": [
                {"type": "string", "description": "Web-Adresse oder nur ein Titel"},
                {**inner, "description": "Titel und Web-Adresse"},
            ]
        }

    @property
    def label(self) -> str:
        """What the document shows: the title, else the address."""
        return self.title or self.url or ""
