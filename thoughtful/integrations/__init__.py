"""Integrations with the outside world: the MQTT connection and Home Assistant."""
