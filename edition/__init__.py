"""edition: typeset documentary editions of archival documents as print-ready PDF."""
__version__ = "0.1.0"
