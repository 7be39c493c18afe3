"""A house rule of your own: every source older than 1990 needs a locator.

A team that keeps a record of its own may want more than the built-in rules
check. Here, old treaty texts and statements are cited from printed
collections, so a source published before 1990 must say where in the work the
fact is (an article, a page). The rule has its own code, HR101, outside the
built-in ``AC`` codes; its findings are sorted, selected, acknowledged and
written (text, JSON, SARIF) like the built-in ones.

Run it: ``python examples/custom_rule.py``. To use the rule from the command
line, name it in ``armscontrol.toml`` (``rules = ["custom_rule.py:old_source_locator"]``)
or register it under the ``armscontrol.rules`` entry point group of a package.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from collections.abc import Iterator
from pathlib import Path

import attrs

from armscontrol import io as record_io
from armscontrol.cli import main
from armscontrol.dates import HistoricalDate, Order
from armscontrol.index import Index
from armscontrol.model import Acknowledgement, Record, Source
from armscontrol.validation import Finding, custom_rule, validate

D = HistoricalDate.parse
CUTOFF = D("1990")


@custom_rule("HR101", "warning", "old source without a locator")
def old_source_locator(record: Record, index: Index) -> Iterator[Finding]:
    """A source published before 1990 gives no locator: cite the article or page."""
    del index  # this rule reads the sources alone
    for i, source in enumerate(record.sources):
        # Definitely before 1990: a date that may fall in 1990 (``1989/1991``) is not.
        old = source.date is not None and source.date.compare(CUTOFF) is Order.BEFORE
        if old and not source.locator:
            yield Finding(
                f"$.sources[{i}].locator",
                f"source {source.id}, published {source.date}, gives no locator; "
                "say where in the work the fact is (an article, a page)",
                subject=source.id,
            )


RECORD = Record(
    title="Treaty texts the team cites",
    sources=(
        Source(
            "npt-text",
            "Treaty on the Non-Proliferation of Nuclear Weapons",
            date=D("1968-07-01"),
            locator="Art. X",
        ),
        Source(
            "abm-text",
            "Treaty on the Limitation of Anti-Ballistic Missile Systems",
            date=D("1972-05-26"),
        ),
        Source("jcpoa-text", "Joint Comprehensive Plan of Action", date=D("2015-07-14")),
    ),
)


def sarif_rule_ids(record: Record) -> list[str]:
    """The rule ids of the command line's SARIF results, with the rule named in a config file."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "sources.json"
        record_io.dump(record, path)
        config = Path(folder) / "armscontrol.toml"
        config.write_text(f"rules = [{f'{__file__}:old_source_locator'!r}]\n", encoding="utf-8")
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            main(["validate", str(path), "--config", str(config), "--format", "sarif"])
    log = json.loads(out.getvalue())
    return [result["ruleId"] for result in log["runs"][0]["results"]]


if __name__ == "__main__":
    print(f"{old_source_locator.code} {old_source_locator.title}: {old_source_locator.summary}")

    report = validate(RECORD, rules=[old_source_locator])
    for diagnostic in report:
        print(diagnostic)

    # Acknowledged in the record, with the reason: reported apart, not as a finding.
    known = Acknowledgement(
        code="HR101",
        subject="abm-text",
        reason="Cited as a whole: the record says only that the treaty was signed.",
    )
    acknowledged = validate(
        attrs.evolve(RECORD, acknowledgements=(known,)), rules=[old_source_locator]
    )
    print(
        f"with the acknowledgement: {len(acknowledged)} findings, "
        f"{len(acknowledged.acknowledged)} acknowledged"
    )

    # Only the house rules, as `armscontrol validate --select HR` would run them.
    print(
        "selected:",
        sorted(d.code for d in validate(RECORD, rules=[old_source_locator], select=["HR"])),
    )

    print("SARIF results:", sarif_rule_ids(RECORD))
