"""Command line: ``python -m scorecard [--db URL] COMMAND``.

Exit status: 0 done (warnings allowed), 1 invalid input and nothing written, 2 unreadable
file or bad arguments. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from scorecard import export, publication, startup
from scorecard.benchmarks.commands import add_commands as add_benchmark_commands
from scorecard.catalogue import load_catalogue
from scorecard.errors import PeriodError, ScorecardError, UnreadableFile, UploadRejected
from scorecard.periods import parse_period
from scorecard.status import reporting_quarters
from scorecard.storage import database, ledger
from scorecard.storage.store import Store
from scorecard.upload import ingest

DONE, INVALID, UNREADABLE = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(f"error: {message}", file=sys.stderr)
        raise SystemExit(UNREADABLE)


def _store(args: argparse.Namespace) -> Store:
    return startup.open_store(args.db)


def _user(args: argparse.Namespace) -> str:
    return str(getattr(args, "user", None) or getpass.getuser())


def cmd_init_demo(args: argparse.Namespace) -> int:
    store = Store.open(args.db)
    if startup.init_demo(store):
        print("Loaded the demonstration authority (clearly labelled as demonstration data).")
        print(startup.import_benchmarks_if_present(store))
    else:
        print("The demonstration authority is already loaded; nothing changed.")
    return DONE


def cmd_load_catalogue(args: argparse.Namespace) -> int:
    path = Path(args.file)
    catalogue = load_catalogue(path)
    store = Store.open(args.db)
    store.replace_catalogue(
        catalogue, actor=_user(args), file_name=path.name, sha256=startup.file_sha256(path)
    )
    print(f"Loaded {len(catalogue.measures)} measures in {len(catalogue.priorities)} priorities.")
    return DONE


def cmd_template(args: argparse.Namespace) -> int:
    period = parse_period(args.period) if args.period else None
    store = _store(args)
    out = Path(args.out)
    written = ingest.write_template_file(store, out, period)
    print(f"Wrote the upload template for {written.label} to {out}.")
    return DONE


def cmd_validate(args: argparse.Namespace) -> int:
    store = _store(args)
    checked = ingest.check_file(store, Path(args.file), today=dt.date.today())
    print(ingest.report(checked))
    return DONE if checked.is_valid else INVALID


def cmd_ingest(args: argparse.Namespace) -> int:
    store = _store(args)
    checked = ingest.check_file(store, Path(args.file), today=dt.date.today())
    print(ingest.report(checked))
    if not checked.is_valid:
        return INVALID
    print(ingest.commit_message(ingest.commit(store, checked, actor=_user(args))))
    return DONE


def cmd_uploads(args: argparse.Namespace) -> int:
    uploads = _store(args).uploads()
    if not uploads:
        print("No uploads yet.")
    for u in uploads:
        when = u.uploaded_at.strftime("%Y-%m-%d %H:%M")
        print(f"{u.id:>5}  {when}  {u.status:<11}  {u.uploaded_by:<28}  {u.file_name}")
    return DONE


def cmd_rollback(args: argparse.Namespace) -> int:
    store = _store(args)
    published = publication.rollback_touches(store, args.upload_id, "this roll-back changed")
    record = store.rollback(args.upload_id, actor=_user(args))
    print(
        f"Rolled back upload {record.id} ({record.file_name}): the values it replaced "
        "count again and its own stay in the history. Catalogue measures and meeting actions "
        "it changed are back as they were before it; any it added are taken out."
    )
    for line in published:
        print(f"Already published: {line}")
    return DONE


def cmd_export(args: argparse.Namespace) -> int:
    # Imported here, not at the top: the PDF and chart libraries take over a second to load,
    # which every other command (and every hostile-file check) would otherwise pay.
    from scorecard import disclosure
    from scorecard.reports import files as report_files
    from scorecard.storage import publications

    out = Path(args.out)
    if out.suffix.lower() not in (*export.FORMATS, *report_files.SUFFIXES):
        raise ScorecardError(f"Cannot export to '{out.name}': use .json, .csv, .xlsx or .pdf.")
    period = parse_period(args.period) if args.period else None
    store = _store(args)
    if out.suffix.lower() in report_files.SUFFIXES:  # the briefing pack, the formatted scorecard
        print(report_files.write(store, out, period, public=args.public, meeting_id=args.meeting))
        return DONE
    catalogue = store.catalogue()
    observations = store.current_observations()
    if period is not None and period not in reporting_quarters(observations):
        print(f"Note: there are no quarterly figures for {period.label}.", file=sys.stderr)
    if args.public:
        earlier = publications.releases(store)  # what the public has seen already
        observations = disclosure.publishable(catalogue, observations, releases=earlier)
    records = export.observation_records(catalogue, observations, period)
    if args.public:  # remembered before anyone has the file
        shown = publication.record_cells(records)
        kind = publications.Output.JSON if out.suffix.lower() == ".json" else None
        publication.remember(store, observations, shown, kind or publications.Output.CSV)
    export.write(out, catalogue, records)
    print(f"Wrote {len(records)} observations to {out}.")
    return DONE


def cmd_publish(args: argparse.Namespace) -> int:
    from scorecard.reports import site

    period = parse_period(args.period) if args.period else None
    out = Path(args.out)
    quarter = site.publish(_store(args), out, period)
    pages = len(quarter.priorities) + 1
    print(
        f"Published {quarter.period.label} to {out}: {pages} pages, {site.CSV_FILE} and "
        f"{site.JSON_FILE}, with small numbers hidden; recorded as the Static site release."
    )
    return DONE


def cmd_variation(args: argparse.Namespace) -> int:
    from scorecard import variation
    from scorecard.status import index, readings

    store = _store(args)
    catalogue = store.catalogue()
    measure = catalogue.measure(args.measure_id.strip().upper())
    if args.breakdown not in measure.all_breakdowns:
        raise ScorecardError(
            f"{measure.id} has no breakdown '{args.breakdown}'; it has: "
            + ", ".join(measure.all_breakdowns)
        )
    observations = store.current_observations()
    quarters = reporting_quarters(observations)
    period = parse_period(args.period) if args.period else (quarters[-1] if quarters else None)
    if period is None:
        raise ScorecardError("There are no quarterly figures yet; upload a quarter first.")
    series = [
        (r.period, r.value) for r in readings(index(observations), measure.id, args.breakdown)
    ]
    found = variation.analyse_measure(measure, series, period)
    if args.json:
        print(json.dumps(variation.as_json(found, measure.id, args.breakdown, period)))
        return DONE
    latest = found.latest
    print(f"{measure.id} ({measure.name}), {args.breakdown}, up to {period.label}")
    print(f"Variation: {found.variation.value}. {variation.sentence(found)}")
    if found.assurance is not None:
        print(
            f"Assurance: {found.assurance.value}. {variation.ASSURANCE_SENTENCES[found.assurance]}"
        )
    print(
        f"Mean {latest.mean:g}, process limits {latest.lower:g} to {latest.upper:g}"
        + (" (trial limits)" if found.trial else "")
        + (f", recalculated from {latest.start.label}: {latest.reason}" if latest.reason else "")
    )
    for point in found.points:
        if point.special_cause is not None:
            print(f"  {point.period.label}: {point.value:g} ({point.special_cause.value})")
    if found.left_out:
        print("Left out (no number): " + ", ".join(p.label for p in found.left_out))
    return DONE


def cmd_migrate(args: argparse.Namespace) -> int:
    url = database.configured_url(args.db)
    from scorecard.storage import publications

    engine = database.create(url)
    database.migrate(engine)
    print(f"The database at {database.describe(url)} is up to date.")
    folder = ledger.folder_for(url)  # said at each deploy, where an operator will see it
    if folder is None:
        print(
            f"No release ledger is set ({ledger.VARIABLE}): nothing public will be shown or "
            "written until it is (see 'Releases are remembered' in the README)."
        )
        return DONE
    copied = publications.copy_to_ledger(Store(engine))
    print(
        f"Releases are remembered in the release ledger {folder / ledger.FILE}"
        + (f" ({copied} copied there from the database)." if copied else ".")
    )
    return DONE


def cmd_backup(args: argparse.Namespace) -> int:
    from scorecard import backup

    done = backup.backup(_store(args).engine, Path(args.out))
    counts = done.counts
    print(f"Backed up {sum(counts.values())} rows from {len(counts)} tables to {args.out}.")
    for line in done.releases:
        print(line)
    return DONE


def cmd_restore(args: argparse.Namespace) -> int:
    engine = database.create(database.configured_url(args.db))
    from scorecard import backup

    done = backup.restore(engine, Path(args.file))
    counts = done.counts
    print(f"Checked and restored {sum(counts.values())} rows into {len(counts)} tables.")
    for line in done.releases:
        print(line)
    return DONE


def cmd_check_sign_in(args: argparse.Namespace) -> int:
    from scorecard.access import check_sign_in_file

    settings = check_sign_in_file(args.file)
    vouched = "email_verified"
    if settings.entra_tenant_id:
        vouched += f", or Entra ID tenant {settings.entra_tenant_id} with xms_edov"
    print(f"Sign-in is configured in {args.file}; roles come only from addresses with {vouched}.")
    return DONE


def cmd_serve(args: argparse.Namespace) -> int:
    from scorecard import serve  # the proxy's modules only when serving

    return serve.run(args.processes, args.address, args.port, args.db)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m scorecard", description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: $SCORECARD_DATABASE_URL or data/)")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def command(name: str, run: Callable[[argparse.Namespace], int], help: str) -> _Parser:
        sub: _Parser = commands.add_parser(name, help=help, description=help)
        sub.set_defaults(run=run)
        return sub

    command("migrate", cmd_migrate, "create or upgrade the database schema (run once per deploy)")
    command("init-demo", cmd_init_demo, "load the demonstration authority (idempotent)")
    command(
        "load-catalogue", cmd_load_catalogue, "load a council's catalogue (.toml)"
    ).add_argument("file")
    template = command("template", cmd_template, "write the quarterly upload workbook")
    template.add_argument("out")
    template.add_argument("--period", help="quarter to pre-fill (default: the next one)")
    command("validate", cmd_validate, "check an upload without saving it").add_argument("file")
    ingest = command("ingest", cmd_ingest, "check an upload and save it if valid")
    ingest.add_argument("file")
    ingest.add_argument("--user", help="who is uploading (default: your login name)")
    command("uploads", cmd_uploads, "list uploads, newest first")
    rollback = command("rollback", cmd_rollback, "withdraw an upload, restoring what it replaced")
    rollback.add_argument("upload_id", type=int)
    rollback.add_argument("--user")
    exporting = command(
        "export",
        cmd_export,
        "write current figures to .json or .csv, the formatted scorecard to .xlsx, or the "
        "briefing pack to .pdf",
    )
    exporting.add_argument("out")
    exporting.add_argument(
        "--period", help="only this period, e.g. 2025/26 Q2 (.xlsx, .pdf: default the latest)"
    )
    exporting.add_argument("--public", action="store_true", help="apply disclosure control")
    exporting.add_argument(
        "--meeting", type=int, help=".pdf: the meeting it is for (its theme comes first)"
    )
    publishing = command(
        "publish",
        cmd_publish,
        "write the published (suppressed) version as static HTML pages, CSV and JSON",
    )
    publishing.add_argument("out", help="the site's directory (replaced as a whole)")
    publishing.add_argument("--period", help="the quarter, e.g. 2026/27 Q2 (default: the latest)")
    varying = command(
        "variation",
        cmd_variation,
        "is the change real? statistical process control of one measure's quarterly series",
    )
    varying.add_argument("measure_id")
    varying.add_argument("--period", help="the latest quarter to include (default: the latest)")
    varying.add_argument("--breakdown", default="All", help="e.g. 16+ (default: All)")
    varying.add_argument("--json", action="store_true", help="print one JSON object")
    add_benchmark_commands(command)
    command("backup", cmd_backup, "write all data, history and audit log to a file").add_argument(
        "out"
    )
    command("restore", cmd_restore, "load a backup into an empty database").add_argument("file")
    command(
        "check-sign-in", cmd_check_sign_in, "check a secrets.toml configures sign-in"
    ).add_argument("file", nargs="?", default=".streamlit/secrets.toml")
    serving = command(
        "serve",
        cmd_serve,
        "run several app servers on this database behind one proxy that keeps each browser "
        "on one of them",
    )
    serving.add_argument("--processes", type=int, default=2, help="how many (default 2)")
    serving.add_argument("--address", default="127.0.0.1", help="default 127.0.0.1")
    serving.add_argument("--port", type=int, default=8501, help="default 8501")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args))
    except UploadRejected as exc:
        print(str(exc), file=sys.stderr)
        return INVALID
    except (UnreadableFile, PeriodError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return UNREADABLE
    except ScorecardError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return INVALID
    except OSError as exc:
        print(f"error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "), file=sys.stderr)
        return UNREADABLE
