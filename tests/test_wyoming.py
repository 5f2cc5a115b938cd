"""Thoughtful as Home Assistant Assist's conversation agent: the real ``wyoming`` client
against the daemon's handler, with the daemon's owner thread running."""

import asyncio
import threading

import pytest
from wyoming.asr import Transcript
from wyoming.client import AsyncTcpClient
from wyoming.handle import Handled, NotHandled
from wyoming.info import Describe, Info

from thoughtful.daemon import Daemon
from thoughtful.integrations.wyoming_handler import WyomingSettings
from thoughtful.settings import Settings


@pytest.fixture
def running(tmp_path, model_dir):
    daemon = Daemon(Settings(data_dir=tmp_path, model_dir=model_dir, wyoming=WyomingSettings(port=0)),
                    train_if_needed=False)
    thread = threading.Thread(target=daemon.run, daemon=True)
    thread.start()
    while daemon.wyoming is None or not daemon.wyoming.ready.is_set():
        threading.Event().wait(0.05)
    yield daemon
    daemon.stopping.set()
    thread.join(10)


async def converse(port: int, *events):
    async with AsyncTcpClient("127.0.0.1", port) as client:
        replies = []
        for event in events:
            await client.write_event(event.event())
            replies.append(await asyncio.wait_for(client.read_event(), 10))
        return replies


def test_assist_hands_thoughtful_what_people_say(running):
    info, on, question, elsewhere = asyncio.run(converse(
        running.wyoming.port, Describe(), Transcript("turn on the lamp"), Transcript("why is the lamp on"),
        Transcript("play some jazz")))
    program = Info.from_event(info).handle[0]
    assert program.name == "thoughtful" and program.models[0].languages == ["en"] and program.supports_home_control
    assert Handled.is_type(on.type) and "lamp" in Handled.from_event(on).text.lower()
    assert running.home["lamp"].snapshot["state"] == "on"
    assert Handled.is_type(question.type) and "you asked" in Handled.from_event(question).text
    assert NotHandled.is_type(elsewhere.type)  # out of scope: Home Assistant may try its own agent
    assert running.home["lamp"].snapshot["state"] == "on"
