"""armscontrol's JSON format (``armscontrol/1``) modelled in pydantic v2 and in msgspec.

The models take the same documents that :func:`armscontrol.io.dumps` writes:
the same keys, defaults left out, dates read into
:class:`~armscontrol.dates.HistoricalDate` and periods into
:class:`~armscontrol.dates.Period` by the library's own parsers, enumerations
into the model's enums, ids checked against :data:`armscontrol.model.ID_PATTERN`
and unknown keys refused. What they do not do, and armscontrol's loader does:
the model's other field checks (non-empty text, no repeated ids in a list),
the reference checks (every id a record refers to exists, no duplicates) and
problem paths for every error at once. The figures compare like with like as
far as the two libraries go; that remainder is the price of a whole record.
"""

from typing import Annotated, Any, Literal

from armscontrol.dates import HistoricalDate, Period
from armscontrol.model import ID_PATTERN, AgreementKind, Deontic, EventKind, PartyKind

Codec = tuple[Any, Any]
"""(load: bytes | str -> document, dump: document -> bytes)."""

_ID = ID_PATTERN.pattern
_SUBJECT = f"{_ID}(/{_ID})?"


def pydantic_codec() -> Codec:
    """A pydantic ``TypeAdapter`` for a whole document, and its JSON dump."""
    import pydantic
    from pydantic import BeforeValidator, ConfigDict, PlainSerializer, StringConstraints

    date_ = Annotated[
        HistoricalDate,
        BeforeValidator(lambda v: HistoricalDate.parse(v) if isinstance(v, str) else v),
        PlainSerializer(str),
    ]
    period_ = Annotated[
        Period,
        BeforeValidator(lambda v: Period.parse(v) if isinstance(v, str) else v),
        PlainSerializer(str),
    ]
    id_ = Annotated[str, StringConstraints(pattern=f"^{_ID}$")]
    subject_ = Annotated[str, StringConstraints(pattern=f"^{_SUBJECT}$")]
    ids_ = tuple[id_, ...]
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

    # strict: no coercion, like armscontrol; enum values still arrive as strings in JSON.
    adapter = pydantic.TypeAdapter(Document)

    def dump(document: Any) -> bytes:
        return adapter.dump_json(document, exclude_defaults=True)

    return adapter.validate_json, dump


class _Written(str):
    """A date or period as written, with the library's parsed value beside it.

    msgspec reads attrs classes (``HistoricalDate``, ``Period``) as JSON objects,
    so the models hold dates as this text type and parse them in ``dec_hook``
    with the library's own (cached) parsers, as armscontrol's loader does.
    """

    parsed: HistoricalDate | Period


class _Date(_Written):
    pass


class _Period(_Written):
    pass


def msgspec_codec() -> Codec:
    """A typed msgspec decoder for a whole document, and an encoder."""
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
        date: _Date | None = None
        url: str | None = None
        locator: str | None = None
        quote: str | None = None

    class DateClaim(Struct, frozen=True, **options):
        date: _Date
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
        deadline: _Date | None = None
        sources: ids_ = ()

    class Agreement(Struct, frozen=True, **options):
        id: id_
        title: str
        kind: AgreementKind
        parties: ids_
        commitments: tuple[Commitment, ...] = ()
        process: id_ | None = None
        withdrawal_notice: _Period | None = None
        duration: _Period | None = None
        expires: _Date | None = None
        summary: str | None = None
        sources: ids_ = ()

    class Event(Struct, frozen=True, **options):
        id: id_
        kind: EventKind
        date: _Date
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
        date: _Date
        summary: str
        evidence: ids_ = ()
        accused_position: str | None = None
        sources: ids_ = ()

    class Transition(Struct, frozen=True, **options):
        subject: subject_
        to: str
        date: _Date
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

    def dec_hook(type_: type, value: Any) -> Any:
        if isinstance(value, str):
            if type_ is _Date:
                date = _Date(value)
                date.parsed = HistoricalDate.parse(value)
                return date
            if type_ is _Period:
                period = _Period(value)
                period.parsed = Period.parse(value)
                return period
        msg = f"not a {type_.__name__}: {value!r}"
        raise NotImplementedError(msg)

    def enc_hook(value: Any) -> Any:
        if isinstance(value, _Written):
            return str(value)
        msg = f"cannot encode {type(value).__name__}"
        raise NotImplementedError(msg)

    decoder = msgspec.json.Decoder(Document, dec_hook=dec_hook)
    encoder = msgspec.json.Encoder(enc_hook=enc_hook)
    return decoder.decode, encoder.encode


CODECS = {"pydantic": pydantic_codec, "msgspec": msgspec_codec}
"""Every model of the armscontrol format, by library."""
