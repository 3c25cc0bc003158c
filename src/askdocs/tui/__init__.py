"""The Textual chat: ask, read cited answers, open their sources and re-index, in the terminal."""
