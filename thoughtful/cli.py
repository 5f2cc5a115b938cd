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

log = logging.getLogger(__name__)


def _load(settings: Settings) -> tuple[dict[str, StateModel], HomeConfig]:
    models = load_state_models(settings.all_statemodel_dirs)
    return models, load_home_config(settings.home_file, models)


def _model_dir(args: argparse.Namespace, settings: Settings) -> Path:
    return getattr(args, "model", None) or settings.language_model_dir


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


def cmd_train(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.understanding.train import train
    from thoughtful.understanding.trainconfig import TrainConfig

    models, _ = _load(settings)
    if args.heard_corpus:
        from thoughtful.simulation.heard import generate
        from thoughtful.speech.factory import make_recognizer
        from thoughtful.understanding.heard import HEARD_CORPUS

        recognizer = make_recognizer(settings.speech, models, None, settings.data_dir)
        stats = generate(models, recognizer, HEARD_CORPUS, args.heard_corpus)
        print(f"heard corpus: {stats['examples']} utterances, WER {stats['wer']:.1%}, "
              f"{stats['seconds']:.0f} s → {HEARD_CORPUS}")
        return 0
    config = TrainConfig(examples=args.examples, epochs=args.epochs, heard=args.heard)
    meta = train(models, _model_dir(args, settings), config)
    print(f"trained on {meta['train_examples']} examples ({meta['heard_examples']} heard) "
          f"in {meta['train_seconds']} s; {meta['size_bytes'] / 1e6:.1f} MB; held-out accuracy "
          + ", ".join(f"{c} {a:.2f}" for c, a in meta["held_out_accuracy"].items()))
    print(f"model card: {_model_dir(args, settings) / 'README.md'}")
    return 0


def _case_line(home: Home, settings: Settings, utterance: str) -> str:
    """The configured home and one utterance as an ``interpret --batch`` line (nothing is saved)."""
    return json.dumps({"id": None, "utterance": utterance, "speaker_room": settings.speaker_room,
                       "units": home.units.model_dump(),
                       "home": [{"name": d.name, "type": d.type, "room": d.room, "snapshot": d.snapshot}
                                for d in home.devices.values()]})


def cmd_interpret(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.understanding.batch import run_batch, run_line
    from thoughtful.understanding.loader import load_interpreter

    models, config = _load(settings)
    interpreter = load_interpreter(_model_dir(args, settings), models)
    if args.batch is not None:
        transcribe = _lazy_transcriber(settings, models, args.stt)
        stream = sys.stdin if args.batch == "-" else open(args.batch, encoding="utf-8")
        with stream:
            for out in run_batch(stream, interpreter, transcribe):
                print(json.dumps(out, ensure_ascii=False), flush=True)
        return 0
    if not args.utterance:
        print("thoughtful interpret: give an utterance, or --batch FILE", file=sys.stderr)
        return 2
    home = Home.from_config(config, models, StateFile(settings.state_file))
    out = run_line(_case_line(home, settings, " ".join(args.utterance)), interpreter, routines=home.routines)
    print(json.dumps(out, ensure_ascii=False, indent=1))
    return 0 if "error" not in out else 1


def _lazy_transcriber(settings: Settings, models, engine: str | None):
    """A (WAV path, home) → transcript function that builds the recognizer on first use and
    biases it towards each line's home."""
    from thoughtful.speech.audio import read_wav
    from thoughtful.speech.factory import home_phrases, make_recognizer
    from thoughtful.speech.hearing import transcribe_recording

    recognizer = None

    def transcribe(path: str, home: Home):
        nonlocal recognizer
        if recognizer is None:
            recognizer = make_recognizer(settings.speech, models, home, settings.data_dir, engine)
        recognizer.bias(home_phrases(models, home))
        return transcribe_recording(recognizer, read_wav(path), settings.speech.endpoint)
    return transcribe


def cmd_listen(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.speech.audio import Microphone, read_raw, read_wav
    from thoughtful.speech.factory import make_recognizer
    from thoughtful.speech.hearing import Hearing, transcribe_recording
    from thoughtful.understanding.batch import run_line

    models, config = _load(settings)
    home = Home.from_config(config, models, StateFile(settings.state_file))
    recognizer = make_recognizer(settings.speech, models, home, settings.data_dir, args.stt)
    interpreter = None
    if not args.no_understanding:
        from thoughtful.understanding.loader import load_interpreter

        interpreter = load_interpreter(_model_dir(args, settings), models)

    def show(heard) -> None:
        confidence = "" if heard.confidence is None else f" (confidence {heard.confidence:.2f})"
        print(f"heard: {heard.text!r}{confidence}", flush=True)
        if interpreter and heard.text:
            out = run_line(_case_line(home, settings, heard.text), interpreter, heard=heard, routines=home.routines)
            print(f"  {out.get('kind')}: {out.get('say') or out.get('error')}", flush=True)

    if args.wav or args.raw:
        audio = read_wav(args.wav) if args.wav else read_raw(sys.stdin.buffer, rate=args.rate)
        show(transcribe_recording(recognizer, audio, settings.speech.endpoint))
        return 0
    hearing = Hearing(recognizer, settings.speech.endpoint)
    print("listening (Ctrl-C to stop)", flush=True)
    try:
        for chunk in Microphone(args.mic).chunks():
            for heard in hearing.feed(chunk):
                show(heard.transcript)
    except KeyboardInterrupt:
        pass
    return 0


def cmd_models_pull(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.speech.download import MODELS, pull

    path = pull(args.name, args.dest or settings.data_dir / "models", args.url, args.sha256)
    print(f"{args.name} ({MODELS[args.name].licence} licence): {path}")
    return 0


def cmd_models_adapt(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.speech.adapt import ADAPTED_DIR, ENCODER_LAYERS, adapt
    from thoughtful.speech.whisper_stt import bundled_model_dir

    try:
        import torch  # noqa: F401
    except ImportError:
        raise ThoughtfulError("adapting Whisper needs PyTorch: install thoughtful with its train extra "
                              "(pip install -e '.[train]', as make does)") from None
    source = args.source or bundled_model_dir() or settings.data_dir / "models" / "whisper-tiny-en"
    out = args.dest or settings.data_dir / ADAPTED_DIR
    models, _ = _load(settings)
    note = adapt(models, Path(source), Path(out), clips=args.clips, epochs=args.epochs,
                 encoder_layers=ENCODER_LAYERS if args.encoder_layers is None else args.encoder_layers)
    print(f"adapted on {note['clips']} clips in {note['clip_seconds'] + note['train_seconds']} s "
          f"(final loss {note['final_loss']}): {out}")
    if args.ship:
        from thoughtful.speech.adapted_whisper import SHIPPED, pack

        pack(Path(out), Path(source))
        print(f"what it changed, to ship with thoughtful: {SHIPPED}")
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.understanding.batch import run_line
    from thoughtful.understanding.evaluate import check_case, wrong_action
    from thoughtful.understanding.loader import load_interpreter

    models, _ = _load(settings)
    interpreter = load_interpreter(_model_dir(args, settings), models)
    transcribe = _lazy_transcriber(settings, models, args.stt)
    per: dict[str, list[int]] = {}
    wrong: list[str] = []
    for line in open(args.cases, encoding="utf-8"):
        if not line.strip():
            continue
        case = json.loads(line)
        output = run_line(line, interpreter, transcribe)
        problems = check_case(case.get("expect", {}), case, output)
        if wrong_action(case, output, problems):
            wrong.append(str(case.get("id")))
        per.setdefault(case.get("category", "-"), []).append(0 if problems else 1)
        if problems and args.verbose:
            print(f"FAIL {case.get('id')} [{case.get('category')}] {case.get('utterance')!r}: "
                  f"{'; '.join(problems)} | {output.get('kind')}: {output.get('say')}")
    total = [x for v in per.values() for x in v]
    for category, results in per.items():
        print(f"{category:20s} {sum(results):3d}/{len(results):<3d} {sum(results) / len(results):6.1%}")
    print(f"{'all':20s} {sum(total):3d}/{len(total):<3d} {sum(total) / max(1, len(total)):6.1%}")
    print(f"{'wrong actions':20s} {len(wrong):3d}/{len(total):<3d} {len(wrong) / max(1, len(total)):6.1%}"
          + (f"  ({', '.join(wrong[:10])})" if wrong else ""))
    if args.record:
        from thoughtful.understanding.modelfiles import record

        accuracy = {c: sum(r) / len(r) for c, r in per.items()}
        accuracy["all"] = sum(total) / max(1, len(total))
        accuracy["wrong_actions"] = len(wrong) / max(1, len(total))
        record(_model_dir(args, settings), "case_accuracy", {args.cases.name: accuracy})
    return 0


def cmd_bench(args: argparse.Namespace, settings: Settings) -> int:
    models, _ = _load(settings)
    reports = []
    if args.part in ("language", "all"):
        from thoughtful.bench.language import run_bench

        reports.append(("language", run_bench(_model_dir(args, settings), models, args.cases)))
    if args.part in ("speech", "all"):
        from thoughtful.bench.speech import ENGINES, SPOKEN_CASES, run_speech_bench

        engines = tuple(args.stt.split(",")) if args.stt else ENGINES
        reports.append(("speech", run_speech_bench(models, settings, _model_dir(args, settings), engines,
                                                   cases_path=args.cases or SPOKEN_CASES, limit=args.limit,
                                                   verbose=args.verbose)))
    if args.part in ("daemon", "all"):
        from thoughtful.bench.daemon import run_daemon_bench

        reports.append(("daemon", run_daemon_bench(_model_dir(args, settings))))
    for part, report in reports:
        print(f"{part}:\n{report}")
    if args.record:
        from thoughtful.understanding.modelfiles import record

        record(_model_dir(args, settings), "bench", "\n".join(f"{p}:\n{r}" for p, r in reports))
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.daemon import run_daemon

    if args.config and settings.mqtt and settings.mqtt.password and args.config.stat().st_mode & 0o004:
        log.warning("%s holds the MQTT password and anyone on this machine can read it: "
                    "chmod 640 it (group thoughtful)", args.config)
    return run_daemon(settings, train_if_needed=not args.no_train, read_stdin=not args.no_stdin, wav=args.wav)


def cmd_install_service(args: argparse.Namespace, settings: Settings) -> int:
    from thoughtful.service import install

    print(install(args.config or Path("/etc/thoughtful/thoughtful.yaml"), dry_run=args.dry_run))
    return 0


STT_ENGINES = ["whisper", "pocketsphinx", "vosk"]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="thoughtful", description="An offline smart-home daemon.")
    parser.add_argument("--config", type=Path, help="configuration file (thoughtful.yaml)")
    parser.add_argument("-v", "--verbose", action="store_true", help="say more (debug logs, eval failures)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="validate configuration, state models and devices").set_defaults(func=cmd_check)
    sub.add_parser("state", help="print the current snapshots").set_defaults(func=cmd_state)

    def with_model(p: argparse.ArgumentParser) -> argparse.ArgumentParser:
        p.add_argument("--model", type=Path, help="model directory (default: <data_dir>/model)")
        return p

    p = with_model(sub.add_parser("train", help="synthesize data and train the language model"))
    from thoughtful.understanding.trainconfig import TrainConfig

    defaults = TrainConfig()
    p.add_argument("--examples", type=int, default=defaults.examples, help="synthesized examples")
    p.add_argument("--epochs", type=int, default=defaults.epochs)
    p.add_argument("--heard", action="store_true", help="also train on the heard corpus (measured: no gain)")
    p.add_argument("--heard-corpus", type=int, metavar="N",
                   help="instead of training: speak, hear and write N synthesized utterances as the heard "
                        "corpus (the configured recognizer; ~0.6 s each)")
    p.set_defaults(func=cmd_train)
    p = with_model(sub.add_parser("interpret", help="interpret an utterance, or a batch (shared/spec/contract.md)"))
    p.add_argument("--batch", metavar="FILE", help="JSON Lines file, or - for standard input")
    p.add_argument("utterance", nargs="*", help="an utterance, acted on the configured home (without saving)")
    p.add_argument("--stt", choices=STT_ENGINES, help="recognizer for lines with 'audio'")
    p.set_defaults(func=cmd_interpret)
    p = with_model(sub.add_parser("listen", help="transcribe speech and show what it would do"))
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--wav", type=Path, help="a WAV file")
    source.add_argument("--mic", nargs="?", const="default", help="an ALSA device (default: default)")
    source.add_argument("--raw", action="store_true", help="raw 16-bit little-endian mono PCM on standard input")
    p.add_argument("--rate", type=int, default=16000, help="sample rate of --raw audio (default 16000)")
    p.add_argument("--stt", choices=STT_ENGINES, help="override speech.engine")
    p.add_argument("--no-understanding", action="store_true", help="only print transcripts")
    p.set_defaults(func=cmd_listen)
    p = sub.add_parser("models", help="speech models")
    models_sub = p.add_subparsers(dest="models_command", required=True)
    p = models_sub.add_parser("pull", help="download, verify and unpack a speech model")
    p.add_argument("name", help="vosk-en-us-small")
    p.add_argument("--dest", type=Path, help="where to unpack (default: <data_dir>/models)")
    p.add_argument("--url", help="download from this address instead (a mirror)")
    p.add_argument("--sha256", help="the archive's SHA-256, with --url")
    p.set_defaults(func=cmd_models_pull)
    p = models_sub.add_parser("adapt", help="adapt Whisper to requests heard in rooms again (train extra; "
                                            "~60 minutes on 2 cores; one ships with thoughtful)")
    p.add_argument("--clips", type=int, default=4000, help="synthesized clips to adapt on (default 4000)")
    p.add_argument("--epochs", type=float, default=2)
    p.add_argument("--encoder-layers", type=int,
                   help="the encoder's last layers adapted with the decoder (default: all 4)")
    p.add_argument("--source", type=Path, help="the Whisper model to adapt (default: the bundled one)")
    p.add_argument("--dest", type=Path, help="where to write it (default: <data_dir>/models/whisper-tiny-en-adapted, "
                                             "which the recognizer then uses)")
    p.add_argument("--ship", action="store_true", help="also write what it changed into the package "
                                                       "(thoughtful/speech/data/), the adaptation every install uses")
    p.set_defaults(func=cmd_models_adapt)
    p = with_model(sub.add_parser("eval", help="score a case file (per-category accuracy)"))
    p.add_argument("cases", type=Path)
    p.add_argument("--record", action="store_true", help="add the scores to the model card")
    p.add_argument("--stt", choices=STT_ENGINES, help="recognizer for lines with 'audio'")
    p.set_defaults(func=cmd_eval)
    p = with_model(sub.add_parser("bench", help="print load time, latency, memory and model size"))
    p.add_argument("--cases", type=Path, help="language: utterances to time (JSON Lines with 'utterance'); speech: "
                   "text cases to speak (contract lines with 'expect'; default: the built-in spoken set)")
    p.add_argument("--part", choices=["language", "speech", "daemon", "all"], default="language")
    p.add_argument("--stt", help="speech: recognizers to measure, comma-separated (default: whisper,pocketsphinx)")
    p.add_argument("--limit", type=int, help="speech: only the first N text cases")
    p.add_argument("--record", action="store_true", help="add the figures to the model card")
    p.set_defaults(func=cmd_bench)
    p = sub.add_parser("run", help="run the daemon (text on standard input)")
    p.add_argument("--no-train", action="store_true", help="fail instead of training a missing model")
    p.add_argument("--no-stdin", action="store_true", help="do not read utterances from standard input")
    p.add_argument("--wav", type=Path, help="feed this recording to the listener, as if heard by the microphone")
    p.set_defaults(func=cmd_run)
    p = sub.add_parser("install-service", help="install and start the systemd service (as root)")
    p.add_argument("--dry-run", action="store_true", help="print the unit instead of installing it")
    p.set_defaults(func=cmd_install_service)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        settings = load_settings(args.config if args.command != "install-service" else None)
        return args.func(args, settings)
    except ThoughtfulError as exc:
        print(f"thoughtful: {exc}", file=sys.stderr)
        return 1
