"""Thoughtful as a conversation agent for Home Assistant's Assist, over the Wyoming protocol.

Home Assistant's Wyoming integration talks to "handle" programs: it sends a ``transcript``
(what the person said, recognized by the Assist pipeline) and expects ``handled`` with the
reply, or ``not-handled``. With ``wyoming: {port: 10600}`` in the configuration, ``thoughtful
run`` serves that: Home Assistant's satellites and voice hardware then reach thoughtful's
understanding, actions and explanations. Events:

- ``describe`` → ``info`` naming one handle program, ``thoughtful`` (English);
- ``transcript`` → ``handled`` (an action, an explanation or a question back) or
  ``not-handled`` (out of scope: Home Assistant may try its own agent), with the reply text;
- with ``asr: true`` (the default), thoughtful's recognizer (Whisper biased to the home's
  names) is an ASR program too: ``transcribe``, ``audio-start``, ``audio-chunk``…,
  ``audio-stop`` → ``transcript``.

The server runs in its own thread with its own asyncio loop; each transcript is handed to the
daemon's owner thread (:meth:`Daemon.submit`) like any other command, so state has one owner.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
import threading
from typing import Callable

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from thoughtful import __version__

log = logging.getLogger(__name__)

Reply = tuple[bool, str]
"""(handled, text): what the daemon made of a transcript."""


class WyomingSettings(BaseModel):
    """The ``wyoming`` section: where Home Assistant finds thoughtful's handler."""

    model_config = ConfigDict(extra="forbid")
    host: str = "127.0.0.1"
    """``0.0.0.0`` when Home Assistant runs on another machine (anyone who can reach the port
    can then give commands, as on an open MQTT broker)."""
    port: int = Field(default=10600, ge=0, le=65535)
    """0: any free port (the tests use it)."""
    asr: bool = True
    """Also offer thoughtful's recognizer to Home Assistant's Assist (loaded at first use)."""


def info_event(asr: bool):
    from wyoming.info import AsrModel, AsrProgram, Attribution, HandleModel, HandleProgram, Info

    attribution = Attribution(name="thoughtful", url="https://github.com/thoughtful-home/thoughtful")
    model = HandleModel(name="thoughtful", attribution=attribution, installed=True, languages=["en"],
                        description="state-model grounded understanding of the home's devices",
                        version=__version__)
    program = HandleProgram(name="thoughtful", attribution=attribution, installed=True, version=__version__,
                            description="Offline smart-home understanding: acts on and explains lamps and "
                                        "thermostats", models=[model], supports_home_control=True)
    recognizers = [AsrProgram(
        name="thoughtful-stt", attribution=attribution, installed=True, version=__version__,
        description="Whisper tiny.en biased towards the home's device names and rooms",
        models=[AsrModel(name="whisper-tiny-en", attribution=attribution, installed=True, languages=["en"],
                         description="OpenAI Whisper tiny.en, CTranslate2 int8", version=__version__)])] if asr else []
    return Info(handle=[program], asr=recognizers).event()


class WyomingServer:
    """Serves the handle protocol until :meth:`stop`; ``answer(text)`` runs on the caller's
    behalf and returns a future of :data:`Reply`."""

    def __init__(self, settings: WyomingSettings,
                 answer: Callable[[str], concurrent.futures.Future[Reply]],
                 transcribe: Callable[[np.ndarray], str] | None = None) -> None:
        """``transcribe`` turns 16 kHz mono int16 audio into text (on a worker thread)."""
        self.settings = settings
        self.answer = answer
        self.transcribe = transcribe if settings.asr else None
        self.loop: asyncio.AbstractEventLoop | None = None
        self.server: asyncio.AbstractServer | None = None
        self.ready = threading.Event()
        self.error: Exception | None = None
        self.thread = threading.Thread(target=self._run, name="wyoming", daemon=True)

    def start(self) -> None:
        self.thread.start()
        self.ready.wait(10)
        if self.error is not None:
            raise self.error

    @property
    def port(self) -> int:
        """The bound port (the configured one, or the one the system picked for port 0)."""
        assert self.server is not None
        return self.server.sockets[0].getsockname()[1]

    def stop(self) -> None:
        if self.loop is not None and self.server is not None:
            self.loop.call_soon_threadsafe(self.server.close)
            self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(5)

    def _run(self) -> None:
        self.loop = asyncio.new_event_loop()
        try:
            self.server = self.loop.run_until_complete(
                asyncio.start_server(self._connection, self.settings.host, self.settings.port))
        except OSError as exc:
            self.error = exc
            self.ready.set()
            return
        log.info("wyoming: handling transcripts on %s:%d", self.settings.host, self.port)
        self.ready.set()
        self.loop.run_forever()

    async def _connection(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        from wyoming.asr import Transcript
        from wyoming.audio import AudioChunk, AudioChunkConverter, AudioStart, AudioStop
        from wyoming.event import async_read_event, async_write_event
        from wyoming.handle import Handled, NotHandled
        from wyoming.info import Describe

        heard: list[bytes] | None = None
        to_16k = AudioChunkConverter(rate=16000, width=2, channels=1)
        try:
            while (event := await async_read_event(reader)) is not None:
                if Describe.is_type(event.type):
                    await async_write_event(info_event(self.transcribe is not None), writer)
                elif AudioStart.is_type(event.type) and self.transcribe is not None:
                    heard = []
                elif AudioChunk.is_type(event.type) and heard is not None:
                    heard.append(to_16k.convert(AudioChunk.from_event(event)).audio)
                elif AudioStop.is_type(event.type) and heard is not None and self.transcribe is not None:
                    audio = np.frombuffer(b"".join(heard), "<i2")
                    heard = None
                    text = await asyncio.get_running_loop().run_in_executor(None, self.transcribe, audio)
                    await async_write_event(Transcript(text=text, language="en").event(), writer)
                elif Transcript.is_type(event.type):
                    text = Transcript.from_event(event).text.strip()
                    handled, say = await asyncio.wrap_future(self.answer(text)) if text else \
                        (False, "I didn't catch anything.")
                    reply = Handled(text=say) if handled else NotHandled(text=say)
                    await async_write_event(reply.event(), writer)
                else:
                    log.debug("wyoming: ignored a %s event", event.type)
        except (ConnectionError, asyncio.IncompleteReadError) as exc:
            log.info("wyoming: a client went away (%s)", exc)
        except ValueError as exc:  # a malformed event
            log.warning("wyoming: closed a connection after a malformed event: %s", exc)
        finally:
            writer.close()
