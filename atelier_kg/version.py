"""The version of atelier-kg (named in the VoID description and the User-Agent)."""

__version__ = "0.1.0"
