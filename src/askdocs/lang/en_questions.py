"""English question wording: the verbs a question opens on and the patterns that tell what it asks for. The defaults
of the Lexicon's fields of those names."""

from __future__ import annotations

AUXILIARIES = (
    "is", "are", "was", "were", "did", "does", "do", "has", "have", "had", "can", "could", "will", "would", "should",
)  # fmt: skip
"""The verbs a question opens on or puts after its question word ("Is it ...?", "When did ...?")."""
MEASURES = "long|tall|far|high|deep|wide|big|large|heavy|fast|thick|low"
"""Adjectives of a measure after "how" ("How tall is ...?"): the answer is a number with its unit."""
MEASURE_NOUNS = "length|height|depth|width|area|distance|weight|speed|size|elevation|altitude|temperature"
"""Nouns of a measure ("What is the length of ...?"): the answer is a number with its unit."""
QUESTION_KINDS: tuple[tuple[str, str], ...] = (
    ("how_many", r"\bhow\s+many\b|\bwhat\s+(?:is\s+the\s+)?(?:number|total)\s+of\b|\bhow\s+large\s+a\s+number\b"),
    ("how_much", r"\bhow\s+much\b|\bwhat\s+(?:was|is)\s+the\s+(?:amount|sum|price|cost|value)\b"),
    ("how_old", r"\bhow\s+old\b|\bwhat\s+age\b|\bat\s+what\s+age\b"),
    ("when", r"\bwhen\b|\b(?:what|which)\s+(?:date|day|year|month|time|week)\b|\bhow\s+long\s+ago\b"),
    ("how_measure", rf"\bhow\s+(?:{MEASURES})\b|\bwhat\s+(?:was|is)\s+the\s+(?:{MEASURE_NOUNS})\b"),
    ("who", r"\bwho(?:m|se)?\b"),
    ("where", r"\bwhere\b|\b(?:what|which)\s+(?:city|town|village|country|state|region|province|place)\b"),
    ("which", r"\bwhich\b"),
    ("what", r"\bwhat\b"),
    ("why", r"\bwhy\b"),
    ("how", r"\bhow\b"),
    ("yesno", rf"^\s*(?:{'|'.join(AUXILIARIES)})\b"),
)
"""Question kinds and their wording, as the Lexicon's `question_kinds` (regular expressions)."""
REQUEST_FRAMES = (
    r"(?:hi|hello|hey|ok|okay|thanks|thank\s+you|great|cool|alright|um|uh|erm|hmm|well|so)"
    r"(?:\s+(?:there|again|so\s+much|a\s+lot))?"
    r"\s*[,!.:;]+",
    r"(?:please\s+)?(?:can|could|would|will)\s+you\s+(?:please\s+)?(?:tell|show|give)\s+me(?:\s+please)?\b",
    r"(?:please\s+)?(?:can|could|would|will)\s+you\s+(?:please\s+)?let\s+me\s+know\b",
    r"(?:please\s+)?(?:tell|show|give)\s+me\b",
    r"i(?:'d|’d|\s+would)\s+(?:like|love)\s+to\s+know\b",
    r"i\s+(?:want|wanted|need|needed)\s+to\s+know\b",
    r"i\s+(?:wonder|wondered|was\s+wondering)\b",
    r"do\s+you\s+(?:know|have\s+anything\s+on)\b",
    r"(?:something|anything|more)\s+(?=about\b|on\b)",
)
"""How a request for an answer may open, around what it asks ("Could you tell me who ...", "Thanks! And who
...", "I'd like to know what ..."): no part of the question, and words no document need use."""
REQUEST_CLOSINGS = (
    r"[\s,;.]*\b(?:please|thanks|thank\s+you(?:\s+(?:very\s+much|so\s+much))?|cheers)\s*[.!]*(?=\s*\??\s*$)"
)
"""How a request may close ("..., please?", "... thanks!")."""
