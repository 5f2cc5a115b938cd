"""thoughtful: an offline smart-home daemon that understands, acts and explains.

Layers, each a subpackage: ``speech`` → ``understanding`` → ``state`` →
``drivers`` → ``integrations``.
"""

__version__ = "0.1.0"
