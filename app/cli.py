"""``screener``: serve the API, check a draft or a whole calendar of posts, manage client
rosters, list rules, evaluate.

Exit status of ``screener check`` and ``screener scan``: 0 pass, 1 warn, 2 block (usable
in scripts and pre-commit hooks); 64 for a usage error, 65 for an input file that cannot
be read (not UTF-8, no text column), 66 for a missing file, 78 for a configuration error.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from app import listeners, manage
from app.config import get_settings
from app.errors import ConfigError, DataError, ScreenerError
from app.roster import commands as roster_commands
from app.scan import commands as scan_commands

EXIT = {"pass": 0, "warn": 1, "block": 2}
_MARK = {"block": "✖ BLOCK", "warn": "▲ WARN ", "info": "· info "}

if TYPE_CHECKING:
    from app.screener import Screener


def _screener() -> Screener:
    # imported here so `screener rules` and `--help` answer without loading spaCy
    from app.screener import Screener

    return Screener(get_settings())


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.logs import configure

    settings = get_settings()
    configure(settings.log_level)
    host = args.host or settings.host
    if refusal := manage.refuse_open_bind(settings, host):
        raise ConfigError("screener serve", refusal)
    manage.prepare_to_serve(settings)
    options: dict[str, Any] = dict(
        host=host,
        port=args.port or settings.port,
        workers=args.workers or settings.workers,
        access_log=False,
        log_config=None,
        log_level=settings.log_level,
        # a backstop on connections: app.overload refuses requests past
        # SCREENER_MAX_IN_FLIGHT first, in our error shape (uvicorn's 503 is plain text)
        limit_concurrency=settings.limit_concurrency,
        timeout_keep_alive=settings.timeout_keep_alive,
        # h11 refuses a request head still incomplete past 16 KiB (a header that never
        # ends); with httptools uvicorn grows the header value without limit
        http="h11",
        h11_max_incomplete_event_size=16 * 1024,
        # With --workers, uvicorn's supervisor replaces a worker that does not answer its
        # ping within this many seconds. On a busy 2-core machine a new worker still
        # importing its libraries missed uvicorn's 5 s default and was killed and started
        # again ("Child process died" 5.5 s after start).
        timeout_worker_healthcheck=60,
    )
    if options["workers"] > 1 and listeners.supported():
        # one socket per worker, or a client's keep-alive connections all land on one
        listeners.serve_workers(uvicorn.Config("app.main:app", **options))
    else:
        uvicorn.run("app.main:app", **options)
    return 0


def _read_input(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8")


def _check(args: argparse.Namespace) -> int:
    text = _read_input(args.file)
    result = _screener().check(text, args.policy)
    if args.json:
        out = {
            "verdict": result.verdict,
            "violations": [asdict(v) for v in result.violations],
            "redacted_text": result.redacted_text,
            "policy": {"id": result.policy.id, "version": result.policy.version},
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return EXIT[result.verdict]
    verdicts = {"block": "Do not post", "warn": "Review before posting", "pass": "Looks OK"}
    print(f"{verdicts[result.verdict]} ({result.verdict}), policy {result.policy.id}")
    for v in result.violations:
        line = text.count("\n", 0, v.start) + 1
        print(f"\n{_MARK[v.severity]} line {line}: “{v.text}” [{v.rule_id}]")
        print(f"  {v.message}")
        print(f"  Policy: {v.policy_ref}")
        if v.suggestion:
            print(f"  Try: “{v.suggestion}”")
    if result.violations:
        print(f"\nCleaned:\n{result.redacted_text}")
    return EXIT[result.verdict]


def _rules(args: argparse.Namespace) -> int:
    from app.rules.loader import load_rules

    ruleset = load_rules(get_settings().rules_dir)
    rows = [
        {
            "id": f"{p.id}.{r.id}",
            "category": r.category or p.category,
            "severity": r.severity,
            "message": r.message,
            "policy_ref": r.policy_ref,
        }
        for p, r in ruleset.rules()
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            print(f"{row['id']:<58} {row['severity']:<6} {row['category']}")
        print(
            f"\n{len(rows)} rules in {len(ruleset.packs)} packs; "
            f"policies: {', '.join(ruleset.policies)}"
        )
    return 0


def _eval(args: argparse.Namespace) -> int:
    from app.evaluation import evaluate, load_corpus, misses, read_floor, report

    corpus = load_corpus(Path(args.corpus))
    screener = _screener()
    if args.no_reader:
        screener.reader = None  # the rules alone, whatever the policy says
    metrics = evaluate(screener, corpus, args.policy)
    print(report(metrics))
    if args.misses:
        print("\n" + misses(screener, corpus, args.policy))
    if args.floor:
        failures = metrics.below(read_floor(Path(args.floor)))
        for failure in failures:
            print(f"BELOW FLOOR: {failure}")
        return 1 if failures else 0
    return 0


def _train_reader(args: argparse.Namespace) -> int:
    from app.evaluation import load_corpus
    from app.second_reader import FILE
    from app.train_reader import fit, report, write

    corpus = load_corpus(Path(args.corpus))
    out = Path(args.out) if args.out else get_settings().models_dir / FILE
    model = fit(corpus)
    write(model, out)  # before the screener starts: its policies may need the file
    print(report(_screener(), corpus, model, out))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="screener", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="serve the HTTP API")
    p.add_argument("--host", help="bind address (default SCREENER_HOST, 127.0.0.1)")
    p.add_argument("--port", type=int, help="port (default SCREENER_PORT, 8000)")
    p.add_argument(
        "--workers",
        type=scan_commands.positive,
        help="worker processes (default SCREENER_WORKERS, 1)",
    )
    p.set_defaults(func=_serve)

    p = sub.add_parser("check", help="check a draft; exit 0 pass, 1 warn, 2 block")
    p.add_argument("file", nargs="?", default="-", help="file with the draft, or - for stdin")
    p.add_argument("--policy", help="policy id (default SCREENER_DEFAULT_POLICY)")
    p.add_argument("--json", action="store_true", help="print the API's JSON response")
    p.set_defaults(func=_check)

    scan_commands.add_parser(sub)
    roster_commands.add_parser(sub)

    p = sub.add_parser("rules", help="list loaded rules")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=_rules)

    p = sub.add_parser("eval", help="precision/recall per category on a labelled corpus")
    p.add_argument("corpus", help="a .jsonl file or a folder of them")
    p.add_argument("--policy", help="policy id")
    p.add_argument("--floor", help="YAML of minimum figures; exit 1 if any is not met")
    p.add_argument(
        "--misses", action="store_true", help="also list missed spans and false flags (with text)"
    )
    p.add_argument(
        "--no-reader",
        action="store_true",
        help="the rules alone: leave the second reader out (it is fitted on tests/corpus)",
    )
    p.set_defaults(func=_eval)

    p = sub.add_parser(
        "train-reader",
        help="fit the second reader on a labelled corpus (needs the dev dependencies)",
    )
    p.add_argument("corpus", nargs="?", default="tests/corpus", help="a .jsonl file or folder")
    p.add_argument("--out", help="default: SCREENER_MODELS_DIR/second_reader.json")
    p.set_defaults(func=_train_reader)

    manage.add_parsers(sub)  # keys, audit
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        # argparse exits 2 on a usage error, which for `check` and `scan` means "block"
        return 64 if exc.code == 2 else int(exc.code or 0)
    try:
        code: int = args.func(args)
    except ConfigError as exc:
        print(f"configuration error: {exc}", file=sys.stderr)
        return 78
    except ValidationError as exc:  # a SCREENER_ setting of the wrong form
        print(f"configuration error: {exc}", file=sys.stderr)
        return 78
    except DataError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 65
    except ScreenerError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return 64
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 66
    return code


if __name__ == "__main__":
    sys.exit(main())
