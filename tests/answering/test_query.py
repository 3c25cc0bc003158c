import json
from pathlib import Path

import pytest

from askdocs.answering.query import asked_thing, parse_query, person_noun
from askdocs.retrieval import reciprocal_rank_fusion
from askdocs.text.normalize import fts_quote
from tests.support import fake_commands, run_cli


def test_dates_numbers_names_and_quotes_become_phrases() -> None:
    q = parse_query('Who offered 10 million dollars to "El Duranguillo" on July 2 near Francisco Torres?')
    assert "July 2" in q.phrases
    assert "10 million dollars" in q.phrases
    assert "El Duranguillo" in q.phrases
    assert "Francisco Torres" in q.phrases
    assert "who" not in q.terms and "offered" in q.terms and "2" in q.terms


def test_fts_expression_is_safe_for_any_input() -> None:
    q = parse_query('What about "quotes" AND OR NOT * ( ) : ^ - stuff?')
    assert q.fts
    assert fts_quote('a "b" c') == '"a b c"'
    assert fts_quote("???") == ""


def test_rrf_rewards_agreement_between_rankings() -> None:
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 2, 4]])
    order = [i for i, _ in fused]
    assert order[0] in (2, 3) and set(order) == {1, 2, 3, 4}
    assert dict(fused)[2] > dict(fused)[1]
    assert dict(fused)[3] > dict(fused)[4]


def test_rrf_of_single_ranking_keeps_order() -> None:
    assert [i for i, _ in reciprocal_rank_fusion([[5, 1, 9]])] == [5, 1, 9]


def test_question_kind_head_dates_and_names() -> None:
    q = parse_query("Who was arrested on July 2?")
    assert q.kind == "who" and q.dates and q.dates[0].iso() == "--07-02"
    assert set(q.date_words) == {"july", "2"} and q.content_terms == ("arrested",)
    assert parse_query("How many soldiers were wounded?").head == "soldiers"
    assert parse_query("How much money was offered?").kind == "how_much"
    assert parse_query("How old is Herrera's son?").kind == "how_old"
    assert parse_query("Which cartel was targeted?").head == "cartel"
    assert parse_query("What is the name of Herrera's son?").head == "name"
    assert parse_query("In which state are Mexicali and Rosarito?").entities == ("Mexicali", "Rosarito")
    assert parse_query("When was El Chapo born?").entities == ("El Chapo",)
    assert parse_query("What year did it end?").kind == "when"
    assert parse_query("Why did they refuse?").kind == "why"
    assert "chapo" in parse_query("Who is El Chapo's mother?").terms


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who scored the only goal when AZ beat NEC Nijmegen?", "who"),
        ("Who was president when the war ended?", "who"),
        ("How many people died when the bridge fell?", "how_many"),
        ("Where did she live when she wrote it?", "where"),
        ("What is the number of soldiers who were wounded?", "how_many"),
        ("In which year did the war end?", "when"),
        ("Tell me when the bridge opened, and who built it.", "when"),
        ("When AZ beat NEC, who scored the only goal?", "who"),
        ("In the year when the dam broke, who was mayor?", "who"),
        ("When did AZ win, and who scored?", "when"),
        ("When was it built, roughly?", "when"),
        ("How tall is the old water tower?", "how_measure"),
        ("How long did the strike last?", "how_measure"),
        ("What was the length of the bridge?", "how_measure"),
        ("How long ago did the mill close?", "when"),
        ("How large a number of troops crossed?", "how_many"),
        ("How did the strike end?", "how"),
    ],
)
def test_the_question_word_that_comes_first_sets_the_kind(question: str, kind: str) -> None:
    assert parse_query(question).kind == kind


def test_dates_in_other_formats_are_read_from_the_question() -> None:
    assert parse_query("Who was arrested on 2 July?").dates[0].iso() == "--07-02"
    assert parse_query("What happened on 07/02?").dates[0].iso() == "--07-02"
    assert parse_query("What happened in October 2019?").dates[0].iso() == "2019-10-01/2019-10-31"


def test_a_name_joined_by_underscores_is_a_phrase_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Its words are terms (an underscore parts words, as the full-text index reads them), and together a phrase,
    so the passage naming the setting outranks one that uses its words apart."""
    assert parse_query("What is the default of max_wal_size?").phrases == ("max_wal_size",)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(
        "Checkpoints\n\nThe max_wal_size setting is 1 GB by default and bounds the WAL between checkpoints.\n",
        encoding="utf-8",
    )
    (tmp_path / "corpus" / "b.txt").write_text(
        "Replication\n\nBy default the wal_keep_size setting is 0, and the max size a replication slot may keep is "
        "unlimited by default; raise the size of max_slot_wal_keep_size to cap the WAL.\n",
        encoding="utf-8",
    )
    fake_commands(monkeypatch, tmp_path)
    assert run_cli(capsys, "index")[0] == 0
    code, out, err = run_cli(capsys, "search", "What is the default of max_wal_size?", "--json", "-k", "2")
    assert code == 0, err
    ranked = sorted(json.loads(out)["passages"], key=lambda p: p["lexical_rank"] or 99)
    assert ranked[0]["path"].endswith("a.txt") and ranked[0]["lexical_rank"] == 1


@pytest.mark.parametrize(
    ("question", "kind", "head"),
    [
        ("Which time zone is listed for Nepal?", "which", "time zone"),
        ("What time zone is used in Andorra?", "what", "time zone"),
        ("What time limit applies to entries?", "what", "time limit"),
        ("Which date palm grows best in Oman?", "which", "date palm"),
        ("What country code is used for Andorra?", "what", "country code"),
        ("What is the time zone of Andorra?", "what", "time zone"),
        ("What time did the plane land?", "when", "time"),
        ("What date was the treaty signed?", "when", "date"),
        ("What year ended the war?", "when", "year"),
        ("What year saw the first flight?", "when", "year"),
        ("What day marks the start of Lent?", "when", "day"),
        ("What date appears on the coin?", "when", "date"),
        ("What time of day did it happen?", "when", "time"),
        ("What time tomorrow does it open?", "when", "time"),
        ("What time usually suits the committee?", "when", "time"),
        ("What time closes?", "when", "time"),
        ("What date works?", "when", "date"),
        ("What year roughly was it?", "when", "year"),
        ("What Time Zone is Andorra in?", "what", "time zone"),
        ("Which day care centre opened first?", "which", "day care centre"),
        ("In which year did the war end?", "when", "year"),
        ("What city is the capital?", "where", "city"),
        ("Which team beat Ajax?", "which", "team"),
    ],
)
def test_which_or_what_and_a_longer_noun_asks_for_that_noun(question: str, kind: str, head: str) -> None:
    """ "time zone", "date palm", "country code": the question asks which one, not when or where; "What time did
    ...", "What date ...", "What year saw ..." still ask when."""
    query = parse_query(question)
    assert (query.kind, query.head) == (kind, head)


def test_a_noun_with_a_persons_ending_names_a_person_only_when_it_is_a_persons_noun() -> None:
    people = (
        "player",
        "actor",
        "scientist",
        "chairman",
        "actress",
        "founder",
        "climber",
        "players",
        "actresses",
        "judges",
        "boss",
        "bosses",
        "host",
        "human",
        "chairmen",
        "policemen",
        "fishermen",
        "baroness",
        "governess",
    )
    things = (
        "river",
        "computer",
        "process",
        "tower",
        "number",
        "border",
        "letter",
        "water",
        "paper",
        "rivers",
        "words",
        "darkness",
        "happiness",
        "specimen",
        "regimen",
    )
    assert [w for w in people if not person_noun(w)] == []
    assert [w for w in things if person_noun(w)] == []
    assert person_noun("influencer")  # a noun WordNet does not know is read by its ending
    assert asked_thing("Which river flows through Basel?") == "river"


def test_a_thing_noun_with_a_persons_sense_is_told_apart() -> None:
    """WordNet's nouns asking for a thing first that may name a person too ("tenor", "anchor"), and no noun listed
    as a thing only because it ends in "ness" (which ends as "actress" does)."""
    from askdocs.answering.query import person_sense
    from askdocs.lang.en import EN

    assert [w for w in ("tenor", "tenors", "anchor", "copper", "commuter") if not person_sense(w)] == []
    assert [w for w in ("tenor", "anchor", "copper") if person_noun(w)] == []
    assert [w for w in ("river", "computer", "darkness", "specimen") if person_sense(w) != (w == "computer")] == []
    assert [w for w in EN.thing_nouns if w.endswith(EN.thing_noun_endings)] == []


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("When did Bjarne Stroustrup design C++?", "Bjarne Stroustrup"),
        ("Where did Ada Lovelace lament the engine's limits?", "Ada Lovelace"),
        ("Why did Guido van Rossum design Python?", "Guido van Rossum"),
        ("When did Grace Hopper develop the compiler?", "Grace Hopper"),
        ("Where was Luis de la Cruz born?", "Luis de la Cruz"),
        ("Who was Johannes van der Waals?", "Johannes van der Waals"),
    ],
)
def test_a_name_takes_a_particle_only_as_a_whole_word_before_another_name(question: str, name: str) -> None:
    assert parse_query(question).phrases == (name,)


def test_a_word_starting_like_a_particle_after_a_lone_name_makes_no_phrase() -> None:
    assert parse_query("What did Knuth delve into?").phrases == ()
    assert parse_query("Did Mozart von...").phrases == ()


@pytest.mark.parametrize(
    ("question", "phrases"),
    [
        ("Did Mozart write an opera?", ()),
        ("Did Charles de Gaulle resign in 1969?", ("Charles de Gaulle",)),
        ("Was Ada Lovelace a mathematician?", ("Ada Lovelace",)),
        ("Where Grace Hopper worked?", ("Grace Hopper",)),
        ("How Bjarne Stroustrup designed C++", ("Bjarne Stroustrup",)),
        ("Whose Magna Carta was it?", ("Magna Carta",)),
        ("Ada Lovelace wrote what?", ("Ada Lovelace",)),
        ("Charles de Gaulle did what?", ("Charles de Gaulle",)),
        ("Is New York larger than Los Angeles?", ("New York", "Los Angeles")),
        ("Will Smith starred in what?", ("Will Smith",)),  # "Will" opens names as often as questions
    ],
)
def test_the_auxiliary_or_question_word_opening_a_question_is_no_part_of_a_name(
    question: str, phrases: tuple[str, ...]
) -> None:
    assert parse_query(question).phrases == phrases


def test_a_one_letter_option_is_a_term_and_a_word_compared_as_written() -> None:
    """ "mkdir -p" asks about the option "-p": a term of the search, and a word the answer's signals weigh, where a
    letter alone is none; "-v" and "-V" are two options, while a hyphenated word ("T-shirt") holds none."""
    from askdocs.answering.signals import coverage, question_terms, stems_of
    from askdocs.text.stem import stem

    assert "-p" in parse_query("What does mkdir -p do?").terms
    assert not [t for t in parse_query("Who sold the T-shirt for $5 - or less?").terms if t.startswith("-")]
    terms = question_terms("What does grep -V do?", lambda q: 3, 100, stem)
    version = set(stems_of("-V, --version Output the version number of grep and exit.", stem))
    invert = set(stems_of("-v, --invert-match Invert the sense of matching.", stem))
    assert "-V" in version and "-v" in invert and "v" not in version
    assert coverage(version, terms) > coverage(invert, terms)
    typeset = set(stems_of("‐p, ‐‐parents no error if existing", stem))  # groff's hyphens (U+2010)
    assert "-p" in typeset and "-p" in parse_query("What does mkdir –p do?").terms  # an en dash typed for it
