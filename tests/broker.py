"""A test MQTT client, and the real mosquitto broker (from the package) on a loopback port."""

from __future__ import annotations

import time

from thoughtful.bench.broker import Broker, free_port  # noqa: F401  (re-exported for tests)


class Client:
    """A paho test client that records what it receives."""

    def __init__(self, port: int, *topics: str) -> None:
        import paho.mqtt.client as paho

        self.messages: list[tuple[str, bytes, bool]] = []
        self.client = paho.Client(paho.CallbackAPIVersion.VERSION2)
        self.client.on_message = lambda c, u, m: self.messages.append((m.topic, m.payload, m.retain))
        acknowledged: set[int] = set()
        self.client.on_subscribe = lambda c, u, mid, codes, props: acknowledged.add(mid)
        self.client.connect("127.0.0.1", port)
        pending = {self.client.subscribe(t, qos=1)[1] for t in topics}
        self.client.loop_start()
        # Subscribed only once the broker says so: a message published before that is not
        # delivered, and a test that publishes at once would wait for it in vain.
        wait_until(lambda: pending <= acknowledged)

    def publish(self, topic: str, payload: str | bytes, retain: bool = False) -> None:
        self.client.publish(topic, payload, qos=1, retain=retain).wait_for_publish(5)

    def wait_for(self, predicate, timeout: float = 30.0):
        """The first message ``predicate(topic, payload, retained)`` accepts; a liveness bound,
        not a speed check (a daemon starting while another job loads the CPU can take >10 s)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for message in list(self.messages):
                if predicate(*message):
                    return message
            time.sleep(0.02)
        raise AssertionError(f"no matching message; got {[(t, p[:120]) for t, p, _ in self.messages]}")

    def close(self) -> None:
        self.client.loop_stop()
        self.client.disconnect()


def wait_until(predicate, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("condition not reached in time")
