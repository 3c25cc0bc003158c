"""A word the question quotes, a version number it asks of, or a name no document spells in any close way refuses
the question: the documents are about something else (another release, another version, another river), however
close their other words come. The slow tests use the real model, real FAISS, real SQLite: such questions were
answered from the neighbouring release's or river's sentences with no note."""

from __future__ import annotations

from difflib import SequenceMatcher
from pathlib import Path

from askdocs.answering.exact import apart_names, exact_unknown, strange_names
from tests.support import answers

RELEASES = {
    "debian-12.md": (
        '# Debian 12 "bookworm" released\n\n'
        'The Debian project released Debian 12, code-named "bookworm", on 10 June 2023 after 19 months of work.\n'
        "Debian 12 uses the Linux kernel 6.1 LTS series, which will receive security updates for several years.\n"
        "The release ships GNOME 43, KDE Plasma 5.27 and LibreOffice 7.4 among its more than 64,000 packages.\n"
    ),
    "python-3.11.md": (
        "# Python 3.11 release notes\n\n"
        "Python 3.11 was released on 24 October 2022.\n"
        "Python 3.11 is between 10 and 60 percent faster than Python 3.10, with an average speedup of 1.25 times on"
        " the standard benchmark suite.\n"
        "Error messages now point to the exact expression that caused an exception.\n"
    ),
    "ubuntu-22.04.md": (
        '# Ubuntu 22.04 LTS "Jammy Jellyfish"\n\n'
        'Canonical released Ubuntu 22.04 LTS, code-named "Jammy Jellyfish", in April 2022.\n'
        "Ubuntu 22.04 ships the Linux kernel 5.15 and the GNOME 42 desktop.\n"
    ),
}


def test_quoted_words_and_version_numbers_are_picked_from_the_unknown_words() -> None:
    assert exact_unknown("Which kernel does Debian 11 “bullseye” use?", ("bullseye",)) == ("bullseye",)
    assert exact_unknown("Which kernel does Debian 11 ‘bullseye’ use?", ("bullseye",)) == ("bullseye",)
    assert exact_unknown('What is "the fast path" for?', ("fast", "path")) == ("fast", "path")
    assert exact_unknown("How much faster is Python 3.12 than 3.10?", ("3.12",)) == ("3.12",)
    assert exact_unknown("What changed in the v2 API?", ("v2",)) == ("v2",)
    assert exact_unknown("Which packages does Ubuntu 23.04 ship?", ("Ubuntu", "23.04")) == ("23.04",)


def test_other_unknown_words_are_left_to_the_model() -> None:
    assert exact_unknown("Which kernel does Debian Bullseye use?", ("Bullseye",)) == ()  # a name, maybe misspelt
    assert exact_unknown("Did the deal cost 3.5 million?", ("3.5",)) == ()  # an amount, not a version
    assert exact_unknown("Is 4.5 the rate?", ("4.5",)) == ()
    assert exact_unknown("Who is Ann Smith’s ‘mother’?", ("Smith’s", "mother")) == ("mother",)
    assert exact_unknown("Who is Ann Smith’s mother?", ("Smith’s",)) == ()  # an apostrophe is no quote


def test_a_release_the_documents_do_not_cover_is_refused(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    bullseye, newer, kernel, faster = answers(
        tmp_path,
        RELEASES,
        real_embedder,
        "Which kernel does Debian 11 “bullseye” use?",
        "How much faster is Python 3.12 than 3.10?",
        "Which kernel does Debian 12 “bookworm” use?",
        "How much faster is Python 3.11 than 3.10?",
    )
    assert not bullseye.found
    assert "“bullseye”" in bullseye.reasons[0]
    assert not newer.found
    assert "“3.12”" in newer.reasons[0]
    assert kernel.found, kernel.reasons  # the documents' own release and version are answered
    assert "6.1" in kernel.citations[0].quote
    assert faster.found, faster.reasons
    assert "faster" in faster.citations[0].quote


def test_names_no_document_spells_closely_are_picked_from_the_unknown_words() -> None:
    corpus = {"pakistan", "severance", "emmerich", "wesel", "datteln"}

    def close(word: str) -> str | None:  # a slip of the keys, as "did you mean" finds one
        return next((w for w in corpus if SequenceMatcher(None, w, word.lower()).ratio() >= 0.8), None)

    def begun(prefix: str) -> bool:
        return any(w.startswith(prefix) for w in corpus)

    def strange(question: str, *unknown: str, nationalities: frozenset[str] = frozenset()) -> tuple[str, ...]:
        return strange_names(question, unknown, close, begun, nationalities)

    assert strange("When did the valve become compulsory on the Thames?", "Thames") == ("Thames",)
    assert strange("Who painted the Mona Lisa?", "Mona", "Lisa") == ("Mona", "Lisa")
    assert strange("What is the Thames's length?", "Thames's") == ("Thames's",)  # a possessive ending is no help
    assert strange("Where is Emmrich?", "Emmrich") == ()  # misspelt: "Emmerich" is a slip away
    assert strange("How many died in the Pakistani floods?", "Pakistani") == ()  # another form of "Pakistan"
    assert strange("What does the Wessel-Datteln canal run parallel to?", "Wessel-Datteln") == ()  # one part is used
    assert strange("Thames barrier: when was it built?", "Thames") == ()  # the first word may be capitalised anyway
    assert strange("What does the MCG hold?", "MCG") == ()  # an acronym the documents may spell out
    assert strange("How high is the lowest bridge?", "lowest") == ()  # not a name
    assert strange("Where is Peru?", "Peru") == ("Peru",)  # "perusal" begins as it does, but is no form of it
    # a word beside a name the documents use: "William Gates", "Mount Everest" are theirs
    assert strange("When did Bill Gates found Microsoft?", "Bill") == ()
    assert strange("Who first climbed Mt Everest?", "Mt") == ()
    assert strange("How much will the Dutch spend?", "Dutch", nationalities=frozenset({"Dutch"})) == ()
    assert strange("See the railway story. Regarding Carlisle, when did it open?", "Regarding") == ()
    assert strange('Who sang "Wonderwall" first?', "Wonderwall") == ()  # a quotation opens on a capital


RIVER = {
    "aske.md": (
        "# River Aske\n\n"
        "The River Aske is a river in the west of England, and the principal tributary of the Severance.\n"
        "The Pellegrini valve was made compulsory on passenger steamers on the Severance in 1889, after the explosion"
        " of the paddle steamer Lady Anne near Northbridge.\n"
        "Floods in the Pakistan hills are unknown here; the Aske floods each spring near Castlemere.\n"
    ),
    "market.md": "# Castlemere market\n\nCastlemere received its market charter from Edward I in 1284.\n",
    "dikes.md": "# Dikes\n\nThe Netherlands government will spend 2.1 billion euros on new dikes in 2025.\n",
}


def test_a_name_no_document_uses_is_refused_but_a_misspelt_one_is_answered(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    thames, severance, misspelt, dutch = answers(
        tmp_path,
        RIVER,
        real_embedder,
        "When did the Pellegrini valve become compulsory on passenger steamers on the Thames?",
        "When did the Pellegrini valve become compulsory on passenger steamers on the Severance?",
        "When did the Pellegrinni valve become compulsory on passenger steamers?",
        "How much will the Dutch spend on new dikes in 2025?",
    )
    assert not thames.found
    assert "“Thames”" in thames.reasons[0]
    assert severance.found, severance.reasons
    assert "1889" in severance.citations[0].quote
    assert misspelt.found, misspelt.reasons  # one letter off the documents' "Pellegrini": left to the model
    assert "1889" in misspelt.citations[0].quote
    assert dutch.found, dutch.reasons  # a nationality the documents name by its country
    assert "2.1 billion" in dutch.citations[0].quote


def test_a_name_of_words_the_documents_use_only_apart_is_picked() -> None:
    held = {("games", "radar"), ("twili", "princ"), ("georg", "bush"), ("south", "korea"), ("john", "howar")}
    asked: list[tuple[str, ...]] = []

    def together(beginnings: tuple[str, ...]) -> bool:
        asked.append(beginnings)
        return beginnings in held

    def apart(question: str, unknown: tuple[str, ...] = ()) -> tuple[str, ...]:
        return apart_names(question, unknown, together)

    assert apart("How many awards did Radar Princess receive?") == ("Radar Princess",)
    assert asked[-1] == ("radar", "princ")  # the words' beginnings, as the index holds their forms
    apart("What did Salman Raduyev say?")
    assert asked[-1] == ("salma", "radu")  # FTS5 would stem "raduy" to "radui", which "raduyev" does not begin
    assert apart("How many awards did Twilight Princess receive?") == ()
    assert apart("What did President George Bush say?") == ()  # a title is no part of the name
    assert apart("Where did the South Korean office open?") == ()  # "korea" begins "Korean"
    assert apart("What did Prime Minister John Howard say of Radar Princess's sales?") == ("Radar Princess",)
    assert apart("Why did Millar's QC call Long a liar?") == ()  # a possessive ends a name: two of one word
    assert apart("Did the US Senate vote?") == ()  # an acronym is no part of one: "Senate" alone
    assert apart("How many died in Mianyang City?") == ()  # nor a word documents write apart ("the city of ...")
    asked.clear()
    assert apart("What did Gandalf Princess say?", ("Gandalf",)) == () and not asked  # an unknown word: another rule


RECORD = {
    "zelda.md": (
        "# Twilight Princess\n\n"
        "The Legend of Zelda: Twilight Princess was released for the Wii in November 2006.\n"
        "It received Game of the Year awards from Games Radar, GameSpy and IGN.\n"
        "Koji Kondo wrote the music for the trailer.\n"
        "US President George W. Bush praised the game in a speech in Austin.\n"
    ),
}


def test_a_name_made_of_two_the_documents_use_is_refused(tmp_path: Path, real_embedder) -> None:  # noqa: ANN001
    blended, music, bush = answers(
        tmp_path,
        RECORD,
        real_embedder,
        "Who wrote the music for Twilight Kondo?",
        "Who wrote the music for the Twilight Princess trailer?",
        "Where did President George Bush praise the game?",
    )
    assert not blended.found
    assert blended.reasons == ("no document names “Twilight Kondo”: they use its words apart",)
    assert music.found and "Kondo" in music.citations[0].quote, music.reasons
    assert bush.found and "Austin" in bush.citations[0].quote, bush.reasons  # "W." between the names
