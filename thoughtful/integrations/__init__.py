"""Integrations with the outside world: the MQTT bridge (device topics, text commands, Home
Assistant discovery) and the Wyoming server for Home Assistant's Assist."""
