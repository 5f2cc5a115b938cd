"""The daemon in-process, on a fake clock, against faults of its machine: a disk that refuses
to save, a busy queue."""

import json
import logging

from thoughtful.daemon import SAVE_RETRY, SAVE_WITHIN, Daemon
from thoughtful.settings import Settings


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make_daemon(tmp_path, model_dir, clock):
    daemon = Daemon(Settings(data_dir=tmp_path / "data", model_dir=model_dir), train_if_needed=False, clock=clock)
    daemon.start()
    return daemon


def test_a_disk_that_refuses_to_save_is_survived_and_retried(tmp_path, model_dir, caplog):
    clock = Clock()
    daemon = make_daemon(tmp_path, model_dir, clock)
    good = daemon.state_file.path
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("")
    daemon.state_file.path = blocker / "state.json"  # every write fails with a real OSError
    with caplog.at_level(logging.ERROR):
        daemon.handle_text("turn on the lamp")
        assert daemon._save_due() and daemon.save() is False
        daemon.handle_text("dim the lamp")
        clock.now += 1
        assert not daemon._save_due(), "no retry storm"
        assert daemon.save() is False
    assert len([r for r in caplog.records if "cannot save the state" in r.getMessage()]) == 1, "said once"
    assert "cannot save the state" in daemon.diagnostics()["last_problem"]  # shown in Home Assistant
    assert daemon.home["lamp"].snapshot["state"] == "on", "runs on from memory"
    daemon.state_file.path = good  # space again
    clock.now += SAVE_RETRY
    assert daemon._save_due() and daemon.save()
    assert json.loads(good.read_text())["devices"]["lamp"]["snapshot"]["state"] == "on"
    daemon.state_file.path = blocker / "state.json"
    daemon.handle_text("turn off the lamp")
    daemon.shutdown()  # saving fails, the drivers are still closed
    assert "could NOT be saved" in caplog.text


def test_a_change_is_saved_within_a_second_however_busy(tmp_path, model_dir):
    clock = Clock()
    daemon = make_daemon(tmp_path, model_dir, clock)
    daemon.handle_text("turn on the lamp")
    daemon.submit(lambda: None)  # more work waiting: not yet
    assert not daemon._save_due()
    clock.now += SAVE_WITHIN
    assert daemon._save_due()
    daemon.shutdown()


def test_a_flood_is_shed_with_one_warning_and_the_daemon_goes_on(tmp_path, model_dir, caplog, monkeypatch):
    import queue

    import thoughtful.daemon as daemon_module

    daemon = make_daemon(tmp_path, model_dir, Clock())
    monkeypatch.setattr(daemon_module, "MAX_QUEUE", 50)
    daemon.events = queue.Queue(maxsize=50)
    done = []
    accepted = [daemon.submit(lambda i=i: done.append(i)) for i in range(500)]
    assert accepted.count(True) == 50 and not all(accepted)
    assert len([r for r in caplog.records if "dropping new ones" in r.getMessage()]) == 1
    while not daemon.events.empty():
        daemon.events.get()()
    assert done == list(range(50))
    while daemon.submit(lambda: None):  # full again: a conversation partner hears it is busy, not silence
        pass
    assert daemon.answer_later("turn on the lamp").result(0) == (False, "I'm too busy right now; please try again.")
    daemon.shutdown()


def test_an_open_broker_is_warned_about(tmp_path, model_dir, broker, caplog):
    from thoughtful.transport.mqtt_settings import MqttSettings

    settings = Settings(data_dir=tmp_path / "data", model_dir=model_dir,
                        mqtt=MqttSettings(host="127.0.0.1", port=broker.port))
    daemon = Daemon(settings, train_if_needed=False, clock=Clock())
    daemon.start()
    daemon.shutdown()
    warned = [r.getMessage() for r in caplog.records if r.getMessage().startswith("mqtt: ")]
    assert len(warned) == 1 and "no username" in warned[0], warned  # loopback: no TLS needed
    assert MqttSettings(host="broker.lan", username="u", password="p").security_warnings() == [
        "no TLS to broker.lan: commands and the password cross the network in clear text"]



def test_two_decoders_that_disagree_change_nothing_in_the_daemon(tmp_path, model_dir):
    """The daemon hands a heard request on with the installed decoder's reading of it; trying
    both readings touches neither the home nor the drivers, and only what both would do is done."""
    from thoughtful.speech.recognizer import Transcript

    daemon = make_daemon(tmp_path, model_dir, Clock())
    before, logged = daemon.home.snapshots(), len(daemon.home.provenance)
    switch = "off" if before["lamp"]["state"] == "on" else "on"
    stay = "on" if switch == "off" else "off"
    applied = getattr(daemon.drivers["lamp"], "applied", None)
    wanted = f"Turn {switch} the lamp."
    disagree = Transcript(wanted, 0.9, cross_check=Transcript(f"Turn {stay} the lamp.", 0.9))
    result = daemon.handle_text(disagree.text, disagree)
    assert result.kind == "clarify" and not result.applied
    assert daemon.home.snapshots() == before and len(daemon.home.provenance) == logged
    assert getattr(daemon.drivers["lamp"], "applied", None) == applied, "no driver was touched"
    agree = Transcript(wanted, 0.9, cross_check=Transcript(wanted.lower().rstrip(".") + ",", 0.8))
    result = daemon.handle_text(agree.text, agree)
    assert result.kind == "action" and daemon.home["lamp"].snapshot["state"] == switch
    daemon.shutdown()
