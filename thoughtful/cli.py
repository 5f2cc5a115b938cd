"""The ``thoughtful`` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from thoughtful.errors import ThoughtfulError
from thoughtful.settings import Settings, load_settings
from thoughtful.state.home import Home
from thoughtful.state.persistence import StateFile
from thoughtful.state.registry import HomeConfig, load_home_config
from thoughtful.state.schema import StateModel, load_state_models


def _load(settings: Settings) -> tuple[dict[str, StateModel], HomeConfig]:
    models = load_state_models(settings.all_statemodel_dirs)
    return models, load_home_config(settings.home_file, models)


def cmd_check(args: argparse.Namespace, settings: Settings) -> int:
    models, home = _load(settings)
    for name, model in sorted(models.items()):
        print(f"state model {name}: {len(model.states)} states, {len(model.settings)} settings, "
              f"{len(model.sensors)} sensors, {len(model.language.goals)} goals")
    for d in home.devices:
        print(f"device {d.name!r}: {d.type} in {d.room or 'no room'}, driver {d.driver.kind}")
    print("ok")
    return 0


def cmd_state(args: argparse.Namespace, settings: Settings) -> int:
    models, config = _load(settings)
    home = Home.from_config(config, models, StateFile(settings.state_file))
    print(json.dumps(home.snapshots(), indent=2, ensure_ascii=False))
    return 0


def cmd_interpret(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.understanding.batch import run_batch
    from thoughtful.understanding.interpreter import Interpreter

    models, _ = _load(settings)
    interpreter = Interpreter(models)
    if args.batch is None:
        parser_error = "give --batch FILE (or - for standard input)"
        print(f"thoughtful interpret: {parser_error}", file=sys.stderr)
        return 2
    stream = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")
    with stream:
        for out in run_batch(stream, interpreter):
            print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thoughtful", description=__doc__)
    parser.add_argument("--config", type=Path, help="configuration file (thoughtful.yaml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug messages")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate configuration, state models and devices").set_defaults(func=cmd_check)
    sub.add_parser("state", help="print the current snapshots").set_defaults(func=cmd_state)
    p = sub.add_parser("interpret", help="interpret utterances (see shared/spec/contract.md)")
    p.add_argument("--batch", metavar="FILE", help="JSON Lines file, or - for standard input")
    p.set_defaults(func=cmd_interpret)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings(args.config)
        return args.func(args, settings)
    except ThoughtfulError as exc:
        print(f"thoughtful: {exc}", file=sys.stderr)
        return 1
