"""The rule catalogue's text: code, severity, title and summary of every validator rule.

Kept apart from :mod:`armscontrol.validation`, which builds :data:`~armscontrol.validation.RULES`
from it, so that the rules' prose can be read and reviewed in one place. Codes are
stable: a rule may be reworded, never renumbered. Summaries are one paragraph each;
their line breaks are not part of the text. Each entry is (code, severity, title,
summary).
"""

from __future__ import annotations

DRIFT_GRACE_DAYS = 365
"""How long a reciprocal commitment may stay active, unchanged, after its partner left active."""


CATALOGUE: tuple[tuple[str, str, str, str], ...] = (
    (
        "AC101",
        "error",
        "duplicate id",
        """
        Two objects share an id. Ids are unique across the whole record, whatever their
        kind, so that an id alone names one thing; the second use is reported.
        """,
    ),
    (
        "AC102",
        "error",
        "unknown party",
        """
        A reference to a party the record does not list: in an agreement's or process's
        parties or an agreement's depositaries, a commitment's obligors or beneficiaries, an
        event's actors, a violation's alleged_by or accused, a transition's asserted_by, or
        the party a party continues.
        """,
    ),
    (
        "AC103",
        "error",
        "unknown source",
        """
        A sources entry, anywhere (including alternative dates, continuations and
        extensions), that names no source.
        """,
    ),
    (
        "AC104",
        "error",
        "unknown process",
        """
        An agreement's process names no negotiating process of the record.
        """,
    ),
    (
        "AC105",
        "error",
        "unknown commitment",
        """
        A commitment's in_exchange_for or a violation's commitment names no commitment.
        """,
    ),
    (
        "AC106",
        "error",
        "unknown evidence",
        """
        A violation's evidence names no event of the record.
        """,
    ),
    (
        "AC107",
        "error",
        "unknown cause",
        """
        A transition's causes name something that is neither an event nor a violation.
        """,
    ),
    (
        "AC108",
        "error",
        "unknown subject",
        """
        A transition's subject is not an agreement, a commitment, a violation or the
        participation AGREEMENT/PARTY of a party the agreement lists. Its history is not
        checked further.
        """,
    ),
    (
        "AC111",
        "error",
        "obligor not a party",
        """
        A commitment binds a party that is not a party of the commitment's agreement.
        """,
    ),
    (
        "AC112",
        "error",
        "beneficiary not a party",
        """
        A commitment is owed to a party that is not a party of the commitment's agreement.
        """,
    ),
    (
        "AC113",
        "error",
        "accused not an obligor",
        """
        A violation accuses a party that the breached commitment does not bind.
        """,
    ),
    (
        "AC114",
        "error",
        "in exchange for itself",
        """
        A commitment lists itself in in_exchange_for.
        """,
    ),
    (
        "AC115",
        "error",
        "allegation without parties",
        """
        A violation names no party that alleges it, or no party accused.
        """,
    ),
    (
        "AC116",
        "error",
        "succession loop",
        """
        A party continues another whose chain of continuations comes back to it: a party
        that continues itself, or two that continue each other. Such a party is treated as
        continuing no one.
        """,
    ),
    (
        "AC201",
        "error",
        "step not allowed",
        """
        A transition the subject's lifecycle does not allow from the state it was in. The
        message names the states that were allowed. The subject is taken to be in the new
        state afterwards, so one wrong step is reported once.
        """,
    ),
    (
        "AC202",
        "error",
        "step out of a terminal state",
        """
        A transition after the subject reached a terminal state (a collapsed agreement, a
        lapsed commitment, a withdrawn participation), which nothing may follow.
        """,
    ),
    (
        "AC203",
        "error",
        "history starts in the wrong state",
        """
        A subject's first transition is neither the lifecycle's initial state nor a state
        the initial state may step to (an agreement's history may begin at concluded).
        """,
    ),
    (
        "AC204",
        "error",
        "unknown state",
        """
        A transition to a state the subject's lifecycle does not have, usually a typo; the
        message suggests close state names. The step after it is not checked.
        """,
    ),
    (
        "AC301",
        "error",
        "transitions out of order",
        """
        A subject's transition is dated definitely before a transition listed ahead of it,
        by every date the sources give either (a fact with alternative dates happened at one
        of them). The record's order is authoritative, so the dates contradict it.
        """,
    ),
    (
        "AC302",
        "warning",
        "order undecidable",
        """
        A subject's transition may have come before the one listed ahead of it: the fuzzy
        dates (a month, a year, an approximate day) allow either order, or the record's
        own dates contradict the order while a date another source gives does not (the
        message then names each source's date).
        """,
    ),
    (
        "AC303",
        "error",
        "commitment active before its agreement",
        """
        A commitment's first transition into active is dated definitely before its
        agreement was concluded or entered into effect (the earliest-dated such transition
        of the agreement). Later transitions into active come later in the record, and
        AC301 reports them if their dates do not.
        """,
    ),
    (
        "AC304",
        "error",
        "participation before its agreement",
        """
        A party's first transition into consented or party is dated definitely before the
        agreement was concluded or entered into effect.
        """,
    ),
    (
        "AC305",
        "error",
        "cause after its effect",
        """
        A transition cites an event or violation dated definitely after the transition, by
        every date the sources give either.
        """,
    ),
    (
        "AC306",
        "warning",
        "cause possibly after its effect",
        """
        A transition cites an event or violation whose date does not tell whether it came
        first (causes on the same day as their effect are fine), or whose order with it the
        record's own dates contradict while a date another source gives does not (the
        message then names each source's date).
        """,
    ),
    (
        "AC307",
        "error",
        "evidence outside the commitment's span",
        """
        A violation's evidence is dated definitely before the commitment became active, or
        definitely after it reached a terminal state or its agreement ended, so it cannot
        have breached the commitment. The commitment's history is read as the alleging
        parties see it (uncontested transitions plus theirs).
        """,
    ),
    (
        "AC308",
        "error",
        "alleged before its evidence",
        """
        A violation is dated definitely before an event it cites as evidence.
        """,
    ),
    (
        "AC309",
        "error",
        "party while its agreement is not in force",
        """
        A participation steps into party on a date when its agreement definitely does not
        bind: a treaty that is only concluded (never, or not yet, in force), or an agreement
        that has ended. A treaty binds only once in force (in effect or suspended); an
        agreement of another kind may bind from its conclusion. The agreement's history is
        read as the step's asserting parties see it.
        """,
    ),
    (
        "AC310",
        "error",
        "commitment active while its agreement cannot bind",
        """
        A commitment steps into active on a date when its agreement definitely does not bind:
        a treaty that is only concluded, or an agreement that has ended.
        """,
    ),
    (
        "AC311",
        "error",
        "participation step across a succession",
        """
        A continuing state's own participation step is dated definitely before it continues
        its predecessor, or the predecessor's step definitely after: what the predecessor did
        belongs to its own participation, what came after to the continuing state's.
        """,
    ),
    (
        "AC312",
        "info",
        "order rests on the record's dates",
        """
        Two facts are in order by the dates the record gives them (a step after the one
        listed before it, a cause before its effect), but not by every alternative date
        their sources give. A fact happened at one of its claimed dates, so the order holds
        only if the record's dates are the right ones. The message names each source's
        date and what it would mean.
        """,
    ),
    (
        "AC313",
        "warning",
        "fact beyond the record's as_of",
        """
        An event, violation or transition is dated after the record's as_of, the date up to
        which the record says it was compiled, by every date its sources give. Move as_of
        on, or check the date.
        """,
    ),
    (
        "AC401",
        "error",
        "withdrawal before notice ran",
        """
        A participation is withdrawn definitely before the agreement's withdrawal_notice
        period has run since the notice, even counting notice time that ran before a suspension
        of the notice.
        """,
    ),
    (
        "AC402",
        "warning",
        "withdrawal notice met only with suspended time",
        """
        A withdrawal meets the notice period only if notice time that ran before the notice was
        suspended counts: what remained of the first notice at the suspension is added to
        the resumed notice. Some parties count it, others do not (the DPRK's 2003 NPT
        withdrawal); the full period from the latest notice has not run.
        """,
    ),
    (
        "AC403",
        "warning",
        "withdrawal notice undecidable",
        """
        The dates of the notice and the withdrawal do not tell whether the notice period had
        run.
        """,
    ),
    (
        "AC404",
        "warning",
        "commitment in force past its agreement's term",
        """
        A commitment is still in force (active, suspended or violated) after its agreement's
        expires date, or its entry into effect plus its duration: it entered or left force
        definitely after the end, or never left it though the record reaches past the end.
        """,
    ),
    (
        "AC405",
        "warning",
        "withdrawal without notice",
        """
        A participation is withdrawn with no notice of withdrawal (withdrawal_notified) just
        before it, though the agreement sets a withdrawal_notice period. Either the notice is
        missing from the record, or the withdrawal ignored it.
        """,
    ),
    (
        "AC406",
        "warning",
        "bilateral agreement left in force",
        """
        One of the two parties of a bilateral agreement withdrew, and the agreement's history
        still has it in effect (or suspended) at the end of that day. A bilateral agreement
        ends when one of its two parties leaves; queries derive the end, but the record
        should say it. An agreement is taken as bilateral when it has two places (a party and
        the state that continues it hold one) and names no depositary.
        """,
    ),
    (
        "AC407",
        "error",
        "extension out of time",
        """
        An extension is dated when the agreement was definitely not in force (before its entry
        into force, or after it ended), or definitely after the end it moves, when the
        agreement had already expired.
        """,
    ),
    (
        "AC408",
        "error",
        "expiry off its end date",
        """
        An agreement's expired step is dated definitely before or after the end in force at
        that time: its expires date, else its entry into effect plus its duration, as moved
        by the extensions taken by then.
        """,
    ),
    (
        "AC409",
        "error",
        "agreement recorded past its end",
        """
        An agreement's step (other than expired) is dated definitely after the end in force
        at that time, with no extension moving the end past it.
        """,
    ),
    (
        "AC410",
        "warning",
        "duration and expires disagree",
        """
        An agreement gives both an expires date and a duration, and the duration from its
        entry into effect ends on another date. Expires governs; an end that was moved
        later is an extension, recorded with its date and sources.
        """,
    ),
    (
        "AC501",
        "warning",
        "agreement ended without cause",
        """
        An agreement collapsed or was terminated with no events or violations cited as
        causes.
        """,
    ),
    (
        "AC502",
        "error",
        "violated without a violation",
        """
        A commitment moved to violated without citing, among its causes, a violation record
        about that commitment.
        """,
    ),
    (
        "AC503",
        "info",
        "disputed status",
        """
        The readings of a subject differ at some moment: the views of the parties that assert
        its transitions, and the uncontested record unless every party with a stake asserts a
        view (the definition the status queries use for disputed). A
        dispute, not an error: one diagnostic per subject, from the first disputed day, naming
        what each reading holds. A status on any disputed date has disputed set.
        """,
    ),
    (
        "AC504",
        "warning",
        "reciprocal commitments drift apart",
        f"""
        One commitment of an in_exchange_for pair left active (suspended, violated, lapsed,
        released, renounced) while its partner, active at the time, records no change for
        more than {DRIFT_GRACE_DAYS} days (and the record reaches that far). Uses the merged
        history of each commitment.
        """,
    ),
    (
        "AC505",
        "info",
        "date disputed between sources",
        """
        An event or transition lists alternative_dates: the sources disagree on when it
        happened. The message names every date with its sources.
        """,
    ),
    (
        "AC506",
        "warning",
        "no source",
        """
        An agreement, event, violation or transition cites no source; a commitment with no
        source of its own is covered by its agreement's sources.
        """,
    ),
    (
        "AC507",
        "info",
        "party with no recorded consent",
        """
        A participation steps from signed straight to party: the date of its consent to be
        bound (ratification, acceptance, approval) is not on record. Allowed when sources
        say only that the state became a party; record consented with its date when a
        source gives it.
        """,
    ),
    (
        "AC601",
        "warning",
        "stale acknowledgement",
        """
        An acknowledgement in the record covers no finding of a rule that ran: the finding
        it explained is gone, or its code, subject or path is mistyped. Remove it, or correct
        it, so that acknowledgements do not outlive what they explain. Acknowledgements of
        rules that did not run (deselected, or custom rules not given) are not judged.
        """,
    ),
)
