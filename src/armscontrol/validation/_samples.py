"""A message of each built-in rule: what it reports on the rule catalogue's example.

``armscontrol rules CODE`` shows it. The tests check each against the message the
validator gives on the example of ``docs/rules.md``, so the two cannot drift apart.
"""

from __future__ import annotations

SAMPLES: dict[str, str] = {
    "AC101": (
        "duplicate id 'PRK': already used by the party at $.parties[1]; ids must be unique "
        "across the record, whatever their kind"
    ),
    "AC102": "unknown party 'PRKK'; did you mean 'PRK'?",
    "AC103": "unknown source 'act-2031'; did you mean 'act-2013'?",
    "AC104": "unknown process 'six-party-talks'",
    "AC105": "unknown commitment 'moratorim'; did you mean 'moratorium'?",
    "AC106": "unknown event 'launch-2012'; did you mean 'launch'?",
    "AC107": "unknown cause 'act-2013'; 'act-2013' is a source, not an event or a violation",
    "AC108": (
        "unknown subject 'leap-day/KOR'; 'KOR' is not one of the parties of agreement "
        "'leap-day'; did you mean 'leap-day/PRK' or 'leap-day' or 'leap-day/USA'?"
    ),
    "AC111": (
        "commitment moratorium: obligor 'KOR' is not a party of its agreement leap-day "
        "(parties: USA, PRK)"
    ),
    "AC112": (
        "commitment aid: beneficiary 'KOR' is not a party of its agreement leap-day "
        "(parties: USA, PRK)"
    ),
    "AC113": (
        "violation launch-violation: accused party 'USA' is not an obligor of commitment "
        "moratorium (obligors: PRK)"
    ),
    "AC114": "commitment aid is given in exchange for itself",
    "AC115": "violation launch-violation: no party alleges it; name at least one in alleged_by",
    "AC116": (
        "party PRK continues 'PRK', whose chain of continuations comes back on itself; a "
        "state continues one that came before it"
    ),
    "AC201": (
        "commitment moratorium: violated → fulfilled on 2012-04-16 is not allowed; from "
        "violated: active, lapsed, released, renounced"
    ),
    "AC202": (
        "commitment moratorium: lapsed → active on 2012-05-01 leaves the terminal state "
        "lapsed; nothing may follow a terminal state"
    ),
    "AC203": (
        "commitment moratorium: the history starts at violated on 2012-02-29, but a "
        "commitment history must start at pending or a state it may step to: active, lapsed, "
        "pending, released, renounced"
    ),
    "AC204": (
        "commitment aid: 'lapse' on 2012-04-16 is not a state of the commitment lifecycle; "
        "did you mean 'lapsed' or 'released'? (states: active, fulfilled, lapsed, pending, "
        "released, renounced, suspended, violated)"
    ),
    "AC301": (
        "commitment aid: the transition to lapsed dated 2012-04-10 is listed after the one "
        "to suspended dated 2012-04-13 ($.transitions[4]) but definitely came before it; "
        "list a subject's transitions in the order they happened"
    ),
    "AC302": (
        "commitment aid: the transition to lapsed dated 2012-04 is listed after one dated "
        "2012-04-13, but the dates allow either order; a more precise date would settle it"
    ),
    "AC303": (
        "commitment moratorium: active on 2012-02-28, before its agreement leap-day was "
        "concluded on 2012-02-29 ($.transitions[0])"
    ),
    "AC304": (
        "participation npt/PRK: party on 1967, before its agreement npt was concluded on "
        "1968-07-01 ($.transitions[8])"
    ),
    "AC305": (
        "aid: the transition to suspended on 2012-04-12 cites 'launch', dated 2012-04-13, "
        "which came after it; a cause must come first"
    ),
    "AC306": (
        "aid: the transition to suspended on 2012-04 cites 'launch', dated 2012-04-13; the "
        "dates do not tell whether the cause came first"
    ),
    "AC307": (
        "violation test-violation: evidence 'test', dated 2013-02-12, falls after the "
        "commitment was lapsed on 2012-04-16; it cannot have breached moratorium"
    ),
    "AC308": (
        "violation launch-violation: alleged on 2012-04-10, before its evidence 'launch' "
        "dated 2012-04-13"
    ),
    "AC309": (
        "participation npt/PRK: party on 1969-01-01, while its agreement npt was concluded, "
        "not in force; a treaty binds only once in force: record consented, then party when "
        "it enters into force for the party"
    ),
    "AC310": (
        "commitment safeguards: active on 1969-01-01, while its agreement npt was concluded, "
        "not in force; a treaty's commitments bind only once it is in force: record the "
        "commitment pending until then"
    ),
    "AC311": (
        "participation npt/RUS: party on 1970-03-05, before RUS continues SUN (from "
        "1991-12-24); record what SUN did under npt/SUN"
    ),
    "AC312": (
        "aid: the transition to suspended on 2012-04-13 cites 'launch', dated 2012-04-13: by "
        "the record's dates the cause came first, but dated 2012-04-12 (act-2013), the cause "
        "came after"
    ),
    "AC313": (
        "the transition of leap-day to collapsed is dated 2012-04-16, after the record's "
        "as_of, 2012-04-15; move as_of on, or check the date"
    ),
    "AC401": (
        "participation npt/PRK: withdrawn on 2003-01-11, with npt's P3M withdrawal notice "
        "given on 2003-01-10: it takes effect before the notice period has run; the full "
        "notice from 2003-01-10 runs until 2003-04-10"
    ),
    "AC402": (
        "participation npt/PRK (according to PRK): withdrawn on 2003-01-11, with npt's P3M "
        "withdrawal notice given on 2003-01-10: it meets the notice period only if the "
        "notice time that ran from 1993-03-12 until the suspension on 1993-06-11 counts, so "
        "that the notice ran out on 2003-01-11; the full notice from 2003-01-10 runs until "
        "2003-04-10"
    ),
    "AC403": (
        "participation npt/PRK: withdrawn on 2003-04, with npt's P3M withdrawal notice given "
        "on 2003-01-10: the dates do not tell whether the notice period had run; the full "
        "notice from 2003-01-10 runs until 2003-04-10"
    ),
    "AC404": (
        "commitment moratorium: in force (violated on 2012-04-13) after its agreement "
        "leap-day expires 2012-03-31; record when it lapsed"
    ),
    "AC405": (
        "participation npt/PRK: withdrawn on 2003-04-10 from party, with no notice of "
        "withdrawal before it, though npt requires P3M notice; record the notice "
        "(withdrawal_notified) with its date"
    ),
    "AC406": (
        "agreement npt: still in_effect after PRK withdrew on 2003-04-10, leaving one of its "
        "two parties; record its end (terminated), which queries otherwise derive"
    ),
    "AC407": (
        "agreement leap-day: extended on 2012-05-01 to 2013-02-28, while it was collapsed; "
        "only an agreement in force can be extended"
    ),
    "AC408": (
        "agreement npt: expired on 2000-03-04, but its end in force then was 2000-03-05 (its "
        "expires date); date the expiry on its end, or record the extension that moved it"
    ),
    "AC409": (
        "agreement leap-day: collapsed on 2012-04-16, after its end on 2012-04-15 (its "
        "expires date); record the extension that moved the end, or its expiry"
    ),
    "AC410": (
        "agreement npt: expires 1995-03-05, but its duration P20Y from entry into effect "
        "ends 1990-03-05; expires governs (if the end was moved, give the first end and "
        "record the extension)"
    ),
    "AC501": (
        "agreement leap-day: collapsed on 2012-04-16 with no cause; cite the events or "
        "violations that brought it about"
    ),
    "AC502": (
        "commitment moratorium: violated on 2012-04-13 with no violation of it among the "
        "causes; record the violation and cite it"
    ),
    "AC503": (
        "commitment aid is disputed from 2012-04-13: violated according to PRK; suspended "
        "according to USA"
    ),
    "AC504": (
        "commitment aid stays active, unchanged for more than 365 days, while moratorium, "
        "given in exchange for it, was violated on 2012-04-13; record what became of aid"
    ),
    "AC505": (
        "launch: sources disagree on the date: 2012-04-13 (act-2013) / 2012-04-12 (act-2013; "
        "time zone: the 12th in Washington)"
    ),
    "AC506": "event launch cites no source; add the sources it rests on",
    "AC507": (
        "participation npt/USA: party on 1970-03-05 straight from signed; the date of its "
        "consent to be bound is not on record (record consented with its date if a source "
        "gives it)"
    ),
    "AC601": (
        "acknowledgement of AC504 on aid covers no finding; remove it, or correct its code, "
        "subject or path"
    ),
}
