"""Transport shared by the layers above it: the daemon's one MQTT connection, which the MQTT
drivers (devices that already speak MQTT) and the integrations (Home Assistant, the text
command topic) both use."""
