"""Word lists as data, one Lexicon per language; they import nothing of askdocs but text helpers."""
