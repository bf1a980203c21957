"""The official Bot API, as data, so the stand-in rejects every call Telegram would reject.

``telegram-bot-api.json`` next to this file is the Bot API 10.1 description generated from the
official documentation by the MIT-licensed project PaulSonOfLars/telegram-bot-api-spec
(``methods[name].fields[]`` with ``name``/``types``/``required``, and ``types``). Keeping the
check data-driven means a handler that passes a misspelt or missing parameter fails in our tests
the same way it would fail against api.telegram.org, instead of passing against a lenient fake.

Decoding follows what the real server accepts: form fields (urlencoded or multipart, where
python-telegram-bot sends strings verbatim and everything else JSON-encoded), query strings, and
``application/json`` bodies whose values are already typed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).with_name("telegram-bot-api.json")

_INT_RE = re.compile(r"^[+-]?\d+$")
_DISCRIMINATOR_RE = re.compile(r'(?:must be|always)\s+"?([a-z_]+)"?')
_TRUE_STRINGS = {"true", "1"}
_FALSE_STRINGS = {"false", "0"}


class ApiError(Exception):
    """A Bot API error answer: the HTTP status and Telegram's ``description``.

    Raised anywhere in request handling; the server turns it into
    ``{"ok": false, "error_code": status, "description": ...}`` exactly like Telegram does.
    """

    def __init__(
        self, status: int, description: str, parameters: Mapping[str, Any] | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = dict(parameters) if parameters else None


def bad_request(detail: str) -> ApiError:
    """400 with Telegram's ``Bad Request: `` prefix, the shape every client matches on."""
    return ApiError(400, f"Bad Request: {detail}")


@dataclass(frozen=True)
class UploadedFile:
    """A file the bot uploaded in a multipart request, kept whole so tests can inspect it."""

    filename: str
    content: bytes
    content_type: str


@dataclass(frozen=True)
class FieldSpec:
    """One parameter of a method or one field of a type, as the documentation lists it."""

    name: str
    types: tuple[str, ...]
    required: bool
    description: str


@dataclass(frozen=True)
class MethodSpec:
    """A Bot API method: its canonical spelling and its parameters in documentation order."""

    name: str
    fields: dict[str, FieldSpec]
    returns: tuple[str, ...]


@dataclass(frozen=True)
class TypeSpec:
    """A Bot API object type: its fields, or the subtypes it is a union of."""

    name: str
    fields: dict[str, FieldSpec]
    subtypes: tuple[str, ...] = ()
    discriminator: tuple[str, str] | None = None  # (field name, constant) when it has one


@dataclass
class BotApiSchema:
    """Loaded methods and types with the decoding and checking rules built on them."""

    version: str
    methods: dict[str, MethodSpec]
    types: dict[str, TypeSpec]
    _by_lower: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_lower = {name.lower(): name for name in self.methods}

    def method(self, name: str) -> MethodSpec | None:
        """Look a method up case-insensitively, as Telegram routes ``/SENDMESSAGE`` too."""
        canonical = self._by_lower.get(name.lower())
        return self.methods[canonical] if canonical else None

    # -- requests ----------------------------------------------------------------------------

    def decode_params(
        self,
        method: MethodSpec,
        raw: Mapping[str, Any],
        files: Mapping[str, UploadedFile],
        *,
        typed: bool,
    ) -> dict[str, Any]:
        """Turn one request's parameters into Python values, or raise the 400 Telegram gives.

        ``raw`` holds form/query strings (``typed=False``) or a JSON body (``typed=True``);
        ``files`` holds multipart file parts by field name, which may fill ``InputFile``
        parameters directly or be referenced as ``attach://<name>`` from inside objects.
        Unknown parameters are rejected (Telegram silently ignores them; we are stricter on
        purpose, because an ignored parameter is always a bug in our bot).
        """
        params: dict[str, Any] = {}
        for name in list(raw) + [f for f in files if f not in raw]:
            spec = method.fields.get(name)
            if spec is None:
                if name in files and _is_attached(name, raw):
                    continue  # a part referenced as attach://name from a JSON field
                raise bad_request(f'unknown parameter "{name}" for method {method.name}')
            if name in files:
                if "InputFile" not in spec.types:
                    raise bad_request(f'parameter "{name}" does not accept file uploads')
                params[name] = files[name]
                continue
            params[name] = self._decode_top(spec, raw[name], typed=typed)
        for spec in method.fields.values():
            if spec.required and spec.name not in params:
                raise bad_request(_missing_message(method.name, spec.name))
        return params

    def _decode_top(self, spec: FieldSpec, value: Any, *, typed: bool) -> Any:
        """Decode one top-level parameter; form values are strings, objects JSON inside them."""
        errors: list[str] = []
        for type_name in _ordered(spec.types, value):
            try:
                if typed:
                    return self.check_value(type_name, value, path=spec.name)
                return self._decode_form(type_name, value, spec.name)
            except ApiError as exc:
                errors.append(exc.description)
        raise ApiError(400, errors[0])  # the first-listed type is the one bots usually mean

    def _decode_form(self, type_name: str, value: Any, path: str) -> Any:
        """Decode a form-field string into ``type_name`` (scalars parsed, objects JSON)."""
        if not isinstance(value, str):
            raise bad_request(f'parameter "{path}" is malformed')
        if type_name == "String":
            return value
        if type_name == "Integer":
            if not _INT_RE.match(value.strip()):
                raise bad_request(f'parameter "{path}" must be an Integer, got {value!r}')
            return int(value)
        if type_name == "Float":
            try:
                return float(value)
            except ValueError:
                raise bad_request(f'parameter "{path}" must be a Float, got {value!r}') from None
        if type_name in ("Boolean", "True"):
            lowered = value.strip().lower()
            if lowered in _TRUE_STRINGS:
                return True
            if lowered in _FALSE_STRINGS and type_name == "Boolean":
                return False
            raise bad_request(f'parameter "{path}" must be a Boolean, got {value!r}')
        if type_name == "InputFile":
            raise bad_request(f'parameter "{path}" must be an uploaded file')
        try:
            decoded = json.loads(value)
        except ValueError:
            raise bad_request(f'can\'t parse {path} JSON object: "{value[:40]}"') from None
        return self.check_value(type_name, decoded, path=path)

    # -- JSON values -------------------------------------------------------------------------

    def check_value(self, type_name: str, value: Any, *, path: str) -> Any:
        """Check an already-JSON value against a documented type and return it (normalized).

        Used for JSON-encoded parameters and also, by tests, on the objects the stand-in itself
        produces (updates, messages), so its answers keep Telegram's shape.
        """
        if type_name.startswith("Array of "):
            if not isinstance(value, list):
                raise bad_request(f'field "{path}" must be an Array')
            inner = type_name.removeprefix("Array of ")
            return [self.check_value(inner, v, path=f"{path}[{i}]") for i, v in enumerate(value)]
        if type_name == "String":
            if isinstance(value, bool) or not isinstance(value, str | int | float):
                raise bad_request(f'field "{path}" must be a String')
            return value if isinstance(value, str) else str(value)
        if type_name == "Integer":
            if isinstance(value, str) and _INT_RE.match(value.strip()):
                return int(value)
            if isinstance(value, bool) or not isinstance(value, int):
                raise bad_request(f'field "{path}" must be an Integer')
            return value
        if type_name == "Float":
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise bad_request(f'field "{path}" must be a Float')
            return float(value)
        if type_name in ("Boolean", "True"):
            if not isinstance(value, bool):
                raise bad_request(f'field "{path}" must be a Boolean')
            return value
        if type_name == "InputFile":
            if isinstance(value, UploadedFile):
                return value
            raise bad_request(f'field "{path}" must be an uploaded file')
        spec = self.types.get(type_name)
        if spec is None:
            raise bad_request(f'field "{path}" has undocumented type {type_name}')
        if spec.subtypes:
            return self._check_union(spec, value, path)
        return self._check_object(spec, value, path)

    def _check_union(self, spec: TypeSpec, value: Any, path: str) -> Any:
        """Pick the subtype by its constant ``type``/``status``/``source`` field, else try all."""
        if not isinstance(value, dict):
            raise bad_request(f'field "{path}" must be a JSON object ({spec.name})')
        candidates = []
        for sub_name in spec.subtypes:
            sub = self.types[sub_name]
            if sub.discriminator is None:
                candidates.append(sub_name)
            elif value.get(sub.discriminator[0]) == sub.discriminator[1]:
                return self.check_value(sub_name, value, path=path)
        errors: list[ApiError] = []
        for sub_name in candidates:
            try:
                return self.check_value(sub_name, value, path=path)
            except ApiError as exc:
                errors.append(exc)
        if errors:
            raise errors[0]
        raise bad_request(f'field "{path}" is not a valid {spec.name}')

    def _check_object(self, spec: TypeSpec, value: Any, path: str) -> dict[str, Any]:
        """Required fields present, every field documented, every value of its type."""
        if not isinstance(value, dict):
            raise bad_request(f'field "{path}" must be a JSON object ({spec.name})')
        if not spec.fields:
            return value  # documented placeholders such as CallbackGame carry no fields
        out: dict[str, Any] = {}
        for key, item in value.items():
            fspec = spec.fields.get(key)
            if fspec is None:
                raise bad_request(f'field "{path}" has unknown field "{key}" for {spec.name}')
            out[key] = self._check_any(fspec, item, f"{path}.{key}")
        for fspec in spec.fields.values():
            if fspec.required and fspec.name not in value:
                raise bad_request(f'field "{path}" lacks required field "{fspec.name}"')
        return out

    def _check_any(self, spec: FieldSpec, value: Any, path: str) -> Any:
        """A field may allow several types (``Integer or String``): the first that fits wins."""
        errors: list[ApiError] = []
        for type_name in _ordered(spec.types, value):
            try:
                return self.check_value(type_name, value, path=path)
            except ApiError as exc:
                errors.append(exc)
        raise errors[0]


def _ordered(types: tuple[str, ...], value: Any) -> list[str]:
    """Try Integer before String for int-looking values so ``chat_id`` decodes to an int."""
    ordered = list(types)
    if "Integer" in ordered and "String" in ordered:
        looks_int = isinstance(value, int) or (isinstance(value, str) and _INT_RE.match(value))
        ordered.sort(key=lambda t: (t != "Integer") if looks_int else (t != "String"))
    return ordered


def _is_attached(name: str, raw: Mapping[str, Any]) -> bool:
    """Whether some parameter references the multipart part ``name`` as ``attach://name``."""
    needle = f"attach://{name}"
    return any(needle in (v if isinstance(v, str) else json.dumps(v)) for v in raw.values())


def _missing_message(method: str, name: str) -> str:
    """Telegram's wording for the missing parameters bots usually get wrong, else a generic one."""
    known = {
        "chat_id": "chat_id is empty",
        "text": "message text is empty",
        "callback_query_id": "query_id is empty",
        "message_id": "message_id is empty"
        if not method.startswith("edit")
        else ("message identifier is not specified"),
    }
    return known.get(name, f'parameter "{name}" is required')


def _field(raw: Mapping[str, Any]) -> FieldSpec:
    return FieldSpec(
        name=raw["name"],
        types=tuple(raw["types"]),
        required=bool(raw["required"]),
        description=raw.get("description", ""),
    )


def _discriminator(fields: dict[str, FieldSpec]) -> tuple[str, str] | None:
    """Find ``type`` = "x" style constants ("always "x"", "must be x") in a subtype's docs."""
    for name in ("type", "status", "source"):
        spec = fields.get(name)
        if spec is not None:
            match = _DISCRIMINATOR_RE.search(spec.description)
            if match:
                return name, match.group(1)
    return None


@cache
def load_schema(path: Path = SCHEMA_PATH) -> BotApiSchema:
    """Parse the JSON once per process; the file is 600 kB and every test server shares it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    methods = {
        name: MethodSpec(
            name=name,
            fields={f["name"]: _field(f) for f in raw.get("fields") or []},
            returns=tuple(raw.get("returns") or ()),
        )
        for name, raw in data["methods"].items()
    }
    types: dict[str, TypeSpec] = {}
    for name, raw in data["types"].items():
        fields = {f["name"]: _field(f) for f in raw.get("fields") or []}
        types[name] = TypeSpec(
            name=name,
            fields=fields,
            subtypes=tuple(raw.get("subtypes") or ()),
            discriminator=_discriminator(fields),
        )
    return BotApiSchema(version=data.get("version", "?"), methods=methods, types=types)
