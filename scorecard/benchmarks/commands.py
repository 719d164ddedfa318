"""``python -m scorecard benchmarks ...``: import DfE's published files and compare with them.

Wired into :func:`scorecard.cli.build_parser` by :func:`add_commands`. Exit status follows
the rest of the command line: 0 done, 1 invalid input (nothing written), 2 unreadable file
or bad arguments. Errors are ScorecardError subclasses, so no user ever sees a traceback.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from collections.abc import Callable
from pathlib import Path

from scorecard import startup
from scorecard.benchmarks import importing, service, shipping, update, wording
from scorecard.benchmarks.storage import BenchmarkStore
from scorecard.catalogue import load_catalogue

DONE, UNREADABLE = 0, 2

CommandFactory = Callable[[str, Callable[[argparse.Namespace], int], str], argparse.ArgumentParser]


def add_commands(command_factory: CommandFactory) -> None:
    """Add the ``benchmarks`` group (import, show, imports, ship-from) to the CLI's sub-commands.

    ``command_factory(name, run, help)`` is the CLI's own helper that adds one sub-command.
    """
    group = command_factory(
        "benchmarks",
        _needs_action,
        "compare with England, statistical neighbours and the best councils (DfE data)",
    )
    actions = group.add_subparsers(dest="benchmarks_action", required=True, metavar="ACTION")

    importing_ = actions.add_parser(
        "import",
        help="import DfE tidy CSVs and the statistical-neighbour model",
        description="Import DfE tidy CSVs (the files the catalogue's DfE mappings name) and "
        "the statistical-neighbour model. Each file replaces its earlier import; if any file "
        "has a problem, nothing is imported.",
    )
    importing_.add_argument("files", nargs="*", metavar="FILE")
    importing_.add_argument(
        "--all", dest="folder", metavar="DIR", help="import every mapped file found in DIR"
    )
    importing_.add_argument("--user", help="who is importing (default: your login name)")
    importing_.set_defaults(run=cmd_import)

    show = actions.add_parser(
        "show",
        help="one council's comparators for one measure",
        description="Our value, England, our region, statistical neighbours, top quartile, "
        "best council, quartile band and national rank for one measure and year.",
    )
    show.add_argument("--measure", required=True, help="measure id, e.g. CL_EET_19_21")
    show.add_argument("--la", help="new (E08000009) or old (358) LA code (default: this council)")
    show.add_argument(
        "--year", type=_year, help="year as DfE writes it, e.g. 2025 or 202425 (default: latest)"
    )
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(run=cmd_show)

    updating = actions.add_parser(
        "update",
        help="bring in DfE's latest releases from its statistics service",
        description="Find the latest release of each DfE publication the catalogue maps, "
        "download the data sets, import them all or nothing, and print what changed. Exit 2, "
        f"with nothing changed, if DfE cannot be reached (${update.API_URL_ENV} and "
        f"${update.CONTENT_URL_ENV} override the API's and the data catalogue's addresses).",
    )
    updating.add_argument("--user", help="who is updating (default: your login name)")
    updating.set_defaults(run=cmd_update)

    listing = actions.add_parser("imports", help="list imported files")
    listing.set_defaults(run=cmd_imports)

    shipping_ = actions.add_parser(
        "ship-from",
        help="cut the published rows the project ships (data/published) from DfE's full files",
        description="Write the rows and columns the catalogue's DfE mappings read, from DfE's "
        "full files in DIR, and the statistical-neighbour model, to data/published with a "
        "README giving the licence and each source file's SHA-256.",
    )
    shipping_.add_argument("folder", metavar="DIR")
    shipping_.add_argument(
        "--catalogue",
        type=Path,
        default=startup.DEMO_CATALOGUE,
        help="the catalogue whose mappings choose the rows (default: data/catalogue.toml)",
    )
    shipping_.add_argument(
        "--to", type=Path, default=importing.PUBLISHED_FOLDER, help="default: data/published"
    )
    shipping_.set_defaults(run=cmd_ship_from)


def _year(text: str) -> str:
    if not service.DFE_YEAR.match(text.strip()):
        raise argparse.ArgumentTypeError(f"'{text}' is not a year as DfE writes it (2025, 202425)")
    return text.strip()


def _needs_action(args: argparse.Namespace) -> int:  # pragma: no cover - argparse requires one
    print("error: choose an action: import, update, show or imports", file=sys.stderr)
    return UNREADABLE


def cmd_import(args: argparse.Namespace) -> int:
    if not args.files and not args.folder:
        print("error: give one or more FILEs, or --all DIR", file=sys.stderr)
        return UNREADABLE
    store = startup.open_store(args.db)
    actor = str(args.user or getpass.getuser())
    paths = [Path(f) for f in args.files]
    skipped: list[str] = []
    if args.folder:
        found, skipped = importing.files_to_import(Path(args.folder), store.catalogue())
        paths += [p for p in found if p not in paths]
    outcome = importing.import_files(store, paths, actor=actor)
    outcome = importing.ImportOutcome(outcome.records, outcome.warnings, skipped)
    print(outcome.message())
    return DONE


def cmd_update(args: argparse.Namespace) -> int:
    store = startup.open_store(args.db)
    try:
        done = update.update(store, actor=str(args.user or getpass.getuser()))
    except update.DfeUnreachable as exc:
        print(f"error: {exc}", file=sys.stderr)
        return UNREADABLE
    print(done.message())
    return DONE


def cmd_show(args: argparse.Namespace) -> int:
    store = startup.open_store(args.db)
    catalogue = store.catalogue()
    measure = catalogue.measure(args.measure)
    published = service.load_published(store, [measure])
    view = service.measure_benchmarks(
        published,
        catalogue,
        measure.id,
        store.current_observations([measure.id]),
        year=args.year,
        la_code=args.la,
    )
    found = view.comparators
    if args.json:
        print(json.dumps(found.as_json(), ensure_ascii=False))
        return DONE
    print(f"{measure.name} ({measure.id})")
    width = max(len(label) for label, _ in wording.rows(found, measure))
    for label, text in wording.rows(found, measure):
        print(f"  {label + ':':<{width + 1}}  {text}")
    return DONE


def cmd_ship_from(args: argparse.Namespace) -> int:
    shipped = shipping.ship(Path(args.folder), load_catalogue(args.catalogue), args.to)
    for f in shipped:
        print(f"{f.name}: {f.rows:,} of {f.source_rows:,} rows, {f.columns} columns")
    size = sum((args.to / f.name).stat().st_size for f in shipped)
    print(f"Wrote {len(shipped)} files ({size / 1024 / 1024:.1f} MB) and README.md to {args.to}.")
    return DONE


def cmd_imports(args: argparse.Namespace) -> int:
    records = BenchmarkStore(startup.open_store(args.db).engine).imports()
    if not records:
        print("No published files imported yet.")
    for r in records:
        when = r.imported_at.strftime("%Y-%m-%d %H:%M")
        print(f"{when}  {r.imported_by:<24}  {r.file_name}  ({r.summary}; sha256 {r.sha256[:12]})")
        if r.source is not None:
            published = (
                f", published {r.source.published_on:%Y-%m-%d}" if r.source.published_on else ""
            )
            print(f"{'':18}DfE {r.source.release}{published}, from {r.source.url}")
    return DONE
