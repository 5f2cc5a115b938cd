"""The ``mqtt`` section of the configuration (no MQTT client needed to read or check it)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class MqttSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    host: str = Field(default="localhost", min_length=1)
    port: int = Field(default=1883, ge=1, le=65535)
    username: str | None = None
    password: str | None = None
    tls: bool = False
    ca_certs: Path | None = None
    """A CA bundle for TLS; the system's when unset."""
    client_id: str | None = None
    keepalive: int = Field(default=30, ge=5, le=65535)
    protocol: Literal["3.1.1", "5"] = "3.1.1"
    reconnect_min: int = Field(default=1, ge=1)
    """Seconds before the first reconnect (whole seconds: paho's backoff is in seconds)."""
    reconnect_max: int = Field(default=30, ge=1)

    @field_validator("protocol", mode="before")
    @classmethod
    def _protocol_text(cls, value: Any) -> Any:
        return str(value) if isinstance(value, (int, float)) else value  # YAML reads `protocol: 5` as a number

    @model_validator(mode="after")
    def _consistent(self) -> "MqttSettings":
        if self.reconnect_max < self.reconnect_min:
            raise ValueError(f"reconnect_max ({self.reconnect_max}) is below reconnect_min ({self.reconnect_min})")
        if self.ca_certs is not None and not self.ca_certs.is_file():
            raise ValueError(f"ca_certs: no such file {self.ca_certs}")
        if self.password and not self.username:
            raise ValueError("a password needs a username")
        return self

    def security_warnings(self) -> list[str]:
        """What lets anyone on the network drive the devices (logged at start)."""
        local = self.host in ("localhost", "127.0.0.1", "::1")
        problems = []
        if not self.username:
            problems.append("no username: anyone who can reach the broker can switch the heating "
                            "(set one, and an ACL; see the README)")
        if not self.tls and not local:
            problems.append(f"no TLS to {self.host}: commands and the password cross the network in clear text")
        return problems
