"""A device type added in YAML alone is synthesized, trained and understood."""

import json

from thoughtful.settings import builtin_statemodels_dir
from thoughtful.state.schema import load_state_models
from thoughtful.state.registry import Units
from thoughtful.understanding.abilities import explain
from thoughtful.understanding.batch import run_line
from thoughtful.understanding.labels import label_space
from thoughtful.understanding.loader import load_interpreter
from thoughtful.understanding.synthesis import Synthesizer
from thoughtful.understanding.train import train
from thoughtful.understanding.trainconfig import TrainConfig

PLUG = """
type: plug
description: a smart plug that switches an appliance on and off
sensors:
  power: {kind: number, unit: W, default: 0, description: the power drawn}
states:
  "off": {description: the socket is off}
  "on": {description: the socket is on}
transitions:
  - {from: "off", to: "on"}
  - {from: "on", to: "off"}
language:
  names: [plug, socket, outlet, smart plug]
  states:
    "on": {say: "on", verbs: [turn on, switch on, power up, plug in]}
    "off": {say: "off", verbs: [turn off, switch off, cut the power to, unplug]}
  questions:
    state: [is the <device> on, is the <device> switched on]
    power: [how much power is the <device> using, what is the <device> drawing]
"""


def test_a_plug_in_yaml_trains_and_works(tmp_path):
    extra = tmp_path / "statemodels"
    extra.mkdir()
    (extra / "plug.yaml").write_text(PLUG)
    models = load_state_models([builtin_statemodels_dir(), extra])
    assert "plug:state=on" in label_space(models) and "plug:ask=power" in label_space(models)
    assert explain(models["plug"], "device", Units()).startswith("A smart plug that switches an appliance on and off.")
    assert "the socket is off" in explain(models["plug"], "state", Units())
    assert any("plug:state=on" in e.ops for e in Synthesizer(models, 1).examples(400))
    model_dir = tmp_path / "model"
    train(models, model_dir, TrainConfig(examples=5000, epochs=1), progress=False)
    interpreter = load_interpreter(model_dir, models)
    home = [{"name": "kettle plug", "type": "plug", "room": "kitchen", "snapshot": {"state": "off", "power": 0}},
            {"name": "lamp", "type": "lamp", "room": "kitchen", "snapshot": {"state": "off"}}]
    out = run_line(json.dumps({"id": 1, "home": home, "utterance": "switch on the kettle plug"}), interpreter)
    assert out["kind"] == "action" and out["after"]["kettle plug"]["state"] == "on", out
    assert out["after"]["lamp"] == {"state": "off"}
    # Its drivers and Home Assistant entity come from its role (on and off: a switch), not code.
    from gpiozero.pins.mock import MockFactory

    from thoughtful.drivers.factory import make_driver
    from thoughtful.integrations.homeassistant import Topics, discovery_payloads
    from thoughtful.state.device import Device
    from thoughtful.state.registry import DeviceConfig

    plug = models["plug"]
    assert plug.role == "switch"
    entities = discovery_payloads(Topics("thoughtful", "pi"), [Device("kettle plug", plug, room="kitchen")], None)
    config = entities["homeassistant/device/pi_kettle_plug/config"]
    assert [c["p"] for c in config["cmps"].values()] == ["switch"] and config["dev"]["suggested_area"] == "Kitchen"
    factory = MockFactory()
    relay = make_driver(DeviceConfig(name="kettle plug", type="plug", driver={"kind": "gpio", "pins": {"relay": 17}}),
                        plug, pin_factory=factory)
    relay.apply(out["after"]["kettle plug"])
    assert factory.pin(17).state == 1
    relay.close()
