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
        "commitment history must start at pending or a state it may step to: active, "
        "lapsed, pending, released, renounced"
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
        "aid: the transition to suspended on 2012-04-13 cites 'launch', dated 2012-04-13: by "
        "the record's dates the cause came first, but dated 2012-04-12 (act-2013), the cause "
        "came after"
    ),
    "AC310": (
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
        "notice time run from 1993-03-12 until the suspension on 1993-06-11 counts, so that "
        "the notice ran out on 2003-01-11; the full notice from 2003-01-10 runs until "
        "2003-04-10"
    ),
    "AC403": (
        "participation npt/PRK: withdrawn on 2003-04, with npt's P3M withdrawal notice "
        "given on 2003-01-10: the dates do not tell whether the notice period had run; the "
        "full notice from 2003-01-10 runs until 2003-04-10"
    ),
    "AC404": (
        "commitment moratorium: in force (violated on 2012-04-13) after its agreement "
        "leap-day expires 2012-03-31; record when it lapsed"
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
        "launch: sources disagree on the date: 2012-04-13 (act-2013) / 2012-04-12 "
        "(act-2013; time zone: the 12th in Washington)"
    ),
    "AC506": "event launch cites no source; add the sources it rests on",
    "AC601": (
        "acknowledgement of AC504 on aid covers no finding; remove it, or correct its code, "
        "subject or path"
    ),
}
