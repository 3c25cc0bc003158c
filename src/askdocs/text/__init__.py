"""Pure string helpers (normalise, words, stems, sentences, clauses); they import nothing of askdocs but word lists."""
