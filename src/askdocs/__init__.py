"""askdocs: ask questions of a folder of documents, offline, with answers cited to the exact sentence."""

__version__ = "0.1.0"
