"""armscontrol's JSON format (``armscontrol/1``) modelled in pydantic v2 and in msgspec.

Each library gets the same documents that :func:`armscontrol.io.dumps` writes,
with the same keys, defaults left out, enumerations read into the model's
enums, ids checked against :data:`armscontrol.model.ID_PATTERN` and unknown keys
refused; each writes the document back as indented text (2 spaces, the same
layout as armscontrol's canonical text). Dates come two ways:

* **parsed by armscontrol's parser** (``pydantic``, ``msgspec``): every date
  and period goes through :meth:`HistoricalDate.parse` and :meth:`Period.parse`,
  as in armscontrol's loader, by each library's cheapest hook for a custom
  type: a pydantic ``PlainValidator`` (and ``PlainSerializer``), a msgspec
  ``dec_hook`` (and ``enc_hook``). msgspec reads attrs classes such as
  ``HistoricalDate`` as JSON objects, so its hook returns the parsed value in a
  small slotted holder (:class:`Parsed`).
* **as their own users would write them** (``pydantic-native``,
  ``msgspec-native``): neither library has a type for dates of mixed
  precision (``2012-04``, ``2013-06~``, ``2012-04-12/2012-04-16``), and their
  ``datetime.date`` holds none of those, so a date is a string checked against
  the JSON Schema's pattern for dates, in compiled code; no date object is
  built and no calendar is checked (``2012-02-30`` passes).

What neither does, and armscontrol's loader does: the model's other field
checks (non-empty text, no repeated ids in a list), the reference checks (every
id a record refers to exists, ids are unique) and a path for every problem at
once. The figures compare like with like as far as the two libraries go; that
remainder is the price of a whole record.
"""

from collections.abc import Callable
from typing import Annotated, Any, Literal

from armscontrol.dates import HistoricalDate, Period
from armscontrol.io._schema import DATE_PATTERN
from armscontrol.model import ID_PATTERN, AgreementKind, Deontic, EventKind, PartyKind

Codec = tuple[Callable[[bytes], Any], Callable[[Any], bytes]]
"""(load: JSON bytes -> document, dump: document -> indented JSON bytes)."""

_ID = ID_PATTERN.pattern
_SUBJECT = f"{_ID}(/{_ID})?"
PERIOD_PATTERN = "^P(([0-9]+Y)([0-9]+M)?([0-9]+D)?|([0-9]+M)([0-9]+D)?|[0-9]+D)$"
"""The JSON Schema's period pattern without its look-ahead, which pydantic's regex refuses."""


def _pydantic(date_: Any, period_: Any) -> Codec:
    """A pydantic ``TypeAdapter`` for a whole document, with these date and period types."""
    import pydantic
    from pydantic import ConfigDict, StringConstraints

    id_ = Annotated[str, StringConstraints(pattern=f"^{_ID}$")]
    subject_ = Annotated[str, StringConstraints(pattern=f"^{_SUBJECT}$")]
    ids_ = tuple[id_, ...]
    # strict: no coercion, like armscontrol; enum values still arrive as strings in JSON.
    config = ConfigDict(extra="forbid", frozen=True, arbitrary_types_allowed=True, strict=True)

    class Model(pydantic.BaseModel):
        model_config = config

    class Party(Model):
        id: id_
        name: str
        kind: PartyKind = PartyKind.STATE
        sources: ids_ = ()

    class Source(Model):
        id: id_
        title: str
        publisher: str | None = None
        author: str | None = None
        date: date_ | None = None
        url: str | None = None
        locator: str | None = None
        quote: str | None = None

    class DateClaim(Model):
        date: date_
        sources: ids_ = ()
        note: str | None = None

    class Process(Model):
        id: id_
        title: str
        parties: ids_ = ()
        summary: str | None = None
        sources: ids_ = ()

    class Commitment(Model):
        id: id_
        obligors: ids_
        deontic: Deontic
        what: str
        beneficiaries: ids_ = ()
        topics: tuple[str, ...] = ()
        in_exchange_for: ids_ = ()
        conditions: tuple[str, ...] = ()
        deadline: date_ | None = None
        sources: ids_ = ()

    class Agreement(Model):
        id: id_
        title: str
        kind: AgreementKind
        parties: ids_
        commitments: tuple[Commitment, ...] = ()
        process: id_ | None = None
        withdrawal_notice: period_ | None = None
        duration: period_ | None = None
        expires: date_ | None = None
        summary: str | None = None
        sources: ids_ = ()

    class Event(Model):
        id: id_
        kind: EventKind
        date: date_
        summary: str
        actors: ids_ = ()
        location: str | None = None
        alternative_dates: tuple[DateClaim, ...] = ()
        sources: ids_ = ()

    class Violation(Model):
        id: id_
        commitment: id_
        alleged_by: ids_
        accused: ids_
        date: date_
        summary: str
        evidence: ids_ = ()
        accused_position: str | None = None
        sources: ids_ = ()

    class Transition(Model):
        subject: subject_
        to: str
        date: date_
        causes: ids_ = ()
        asserted_by: ids_ = ()
        note: str | None = None
        alternative_dates: tuple[DateClaim, ...] = ()
        sources: ids_ = ()

    class Document(Model):
        format: Literal["armscontrol/1"]
        title: str | None = None
        description: str | None = None
        parties: tuple[Party, ...] = ()
        sources: tuple[Source, ...] = ()
        processes: tuple[Process, ...] = ()
        agreements: tuple[Agreement, ...] = ()
        events: tuple[Event, ...] = ()
        violations: tuple[Violation, ...] = ()
        transitions: tuple[Transition, ...] = ()

    adapter = pydantic.TypeAdapter(Document)

    def dump(document: Any) -> bytes:
        return adapter.dump_json(document, exclude_defaults=True, indent=2)

    return adapter.validate_json, dump


def pydantic_codec() -> Codec:
    """Pydantic v2, dates and periods parsed by armscontrol's parsers."""
    from pydantic import PlainSerializer, PlainValidator

    date_ = Annotated[
        HistoricalDate,
        PlainValidator(HistoricalDate.parse),
        PlainSerializer(lambda date: date.text, return_type=str),
    ]
    period_ = Annotated[Period, PlainValidator(Period.parse), PlainSerializer(str, return_type=str)]
    return _pydantic(date_, period_)


def pydantic_native_codec() -> Codec:
    """Pydantic v2, dates and periods as strings checked against their patterns."""
    from pydantic import StringConstraints

    date_ = Annotated[str, StringConstraints(pattern=DATE_PATTERN)]
    period_ = Annotated[str, StringConstraints(pattern=PERIOD_PATTERN)]
    return _pydantic(date_, period_)


class Parsed:
    """A date or period parsed by armscontrol, held for msgspec (which reads attrs as objects)."""

    __slots__ = ("value",)

    def __init__(self, value: HistoricalDate | Period) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Parsed) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)


class ParsedDate(Parsed):
    """A :class:`HistoricalDate`, parsed in msgspec's ``dec_hook``."""

    __slots__ = ()


class ParsedPeriod(Parsed):
    """A :class:`Period`, parsed in msgspec's ``dec_hook``."""

    __slots__ = ()


def _msgspec(date_: Any, period_: Any, hooks: dict[str, Any]) -> Codec:
    """A typed msgspec decoder for a whole document, and an indenting encoder."""
    import msgspec
    from msgspec import Meta, Struct

    id_ = Annotated[str, Meta(pattern=f"^{_ID}$")]
    subject_ = Annotated[str, Meta(pattern=f"^{_SUBJECT}$")]
    ids_ = tuple[id_, ...]
    options: dict[str, Any] = {"forbid_unknown_fields": True, "omit_defaults": True}

    class Party(Struct, frozen=True, **options):
        id: id_
        name: str
        kind: PartyKind = PartyKind.STATE
        sources: ids_ = ()

    class Source(Struct, frozen=True, **options):
        id: id_
        title: str
        publisher: str | None = None
        author: str | None = None
        date: date_ | None = None
        url: str | None = None
        locator: str | None = None
        quote: str | None = None

    class DateClaim(Struct, frozen=True, **options):
        date: date_
        sources: ids_ = ()
        note: str | None = None

    class Process(Struct, frozen=True, **options):
        id: id_
        title: str
        parties: ids_ = ()
        summary: str | None = None
        sources: ids_ = ()

    class Commitment(Struct, frozen=True, **options):
        id: id_
        obligors: ids_
        deontic: Deontic
        what: str
        beneficiaries: ids_ = ()
        topics: tuple[str, ...] = ()
        in_exchange_for: ids_ = ()
        conditions: tuple[str, ...] = ()
        deadline: date_ | None = None
        sources: ids_ = ()

    class Agreement(Struct, frozen=True, **options):
        id: id_
        title: str
        kind: AgreementKind
        parties: ids_
        commitments: tuple[Commitment, ...] = ()
        process: id_ | None = None
        withdrawal_notice: period_ | None = None
        duration: period_ | None = None
        expires: date_ | None = None
        summary: str | None = None
        sources: ids_ = ()

    class Event(Struct, frozen=True, **options):
        id: id_
        kind: EventKind
        date: date_
        summary: str
        actors: ids_ = ()
        location: str | None = None
        alternative_dates: tuple[DateClaim, ...] = ()
        sources: ids_ = ()

    class Violation(Struct, frozen=True, **options):
        id: id_
        commitment: id_
        alleged_by: ids_
        accused: ids_
        date: date_
        summary: str
        evidence: ids_ = ()
        accused_position: str | None = None
        sources: ids_ = ()

    class Transition(Struct, frozen=True, **options):
        subject: subject_
        to: str
        date: date_
        causes: ids_ = ()
        asserted_by: ids_ = ()
        note: str | None = None
        alternative_dates: tuple[DateClaim, ...] = ()
        sources: ids_ = ()

    class Document(Struct, frozen=True, **options):
        format: Literal["armscontrol/1"]
        title: str | None = None
        description: str | None = None
        parties: tuple[Party, ...] = ()
        sources: tuple[Source, ...] = ()
        processes: tuple[Process, ...] = ()
        agreements: tuple[Agreement, ...] = ()
        events: tuple[Event, ...] = ()
        violations: tuple[Violation, ...] = ()
        transitions: tuple[Transition, ...] = ()

    decoder = msgspec.json.Decoder(Document, dec_hook=hooks.get("dec_hook"))
    encode = msgspec.json.Encoder(enc_hook=hooks.get("enc_hook")).encode
    indent = msgspec.json.format

    def dump(document: Any) -> bytes:
        return indent(encode(document), indent=2)

    return decoder.decode, dump


def msgspec_codec() -> Codec:
    """msgspec, dates and periods parsed by armscontrol's parsers in ``dec_hook``."""
    date_parse, period_parse = HistoricalDate.parse, Period.parse

    def dec_hook(type_: type, value: Any) -> Any:
        if isinstance(value, str):
            if type_ is ParsedDate:
                return ParsedDate(date_parse(value))
            if type_ is ParsedPeriod:
                return ParsedPeriod(period_parse(value))
        msg = f"not a {type_.__name__}: {value!r}"
        raise NotImplementedError(msg)

    def enc_hook(value: Any) -> Any:
        if isinstance(value, Parsed):
            return str(value.value)
        msg = f"cannot encode {type(value).__name__}"
        raise NotImplementedError(msg)

    return _msgspec(ParsedDate, ParsedPeriod, {"dec_hook": dec_hook, "enc_hook": enc_hook})


def msgspec_native_codec() -> Codec:
    """msgspec, dates and periods as strings checked against their patterns."""
    from msgspec import Meta

    date_ = Annotated[str, Meta(pattern=DATE_PATTERN)]
    period_ = Annotated[str, Meta(pattern=PERIOD_PATTERN)]
    return _msgspec(date_, period_, {})


CODECS: dict[str, Callable[[], Codec]] = {
    "pydantic": pydantic_codec,
    "pydantic-native": pydantic_native_codec,
    "msgspec": msgspec_codec,
    "msgspec-native": msgspec_native_codec,
}
"""Every model of the armscontrol format, by library (``-native``: dates as checked strings)."""
