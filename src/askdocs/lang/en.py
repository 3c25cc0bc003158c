"""English and news word lists as data, in one frozen Lexicon: another language is another Lexicon, not code edits.

The code that needs words takes a Lexicon; it defaults to EN.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType

from askdocs.lang.en_news import BYLINE_OPENERS, EMBARGO_ENDS, EMBARGO_OPENERS, NOT_PLACE_WORDS, RELEASE_LINES
from askdocs.lang.en_questions import AUXILIARIES, QUESTION_KINDS
from askdocs.lang.numbers import MEASURE_UNITS, number_forms
from askdocs.lang.word_files import paired, word_forms, word_list


def vocabulary(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string."""
    return frozenset(text.split())


MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
"""Month names, in calendar order (lowercase)."""
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
"""Weekday names, Monday first (lowercase)."""


@dataclass(frozen=True)
class Lexicon:
    """The word lists of one language, each named for what it is."""

    stopwords: frozenset[str]
    """Words that carry no content of their own, including the words people use to talk about the documents."""
    sentence_words: frozenset[str]
    """Function words that can start a sentence: a capitalised one is not a name."""
    name_connectors: frozenset[str]
    """Lowercase words inside a name ("Joaquín de la Cruz", "Ludwig van Beethoven")."""
    spanish_articles: frozenset[str]
    """Spanish articles that start nicknames and place names ("El Tolín")."""
    titles: frozenset[str]
    """Titles before a person's name."""
    organisation_words: frozenset[str]
    """Words that make a capitalised name an organisation."""
    place_name_words: frozenset[str]
    """Words that make a capitalised name a place."""
    place_nouns: frozenset[str]
    """Common nouns for places ("in the capital")."""
    place_prepositions: frozenset[str]
    """Prepositions before a place."""
    not_place_before_to: frozenset[str]
    """Words before "to" that do not make the next name a destination ("according to")."""
    month_or_day: frozenset[str]
    """Month and weekday names and their abbreviations, lowercase."""
    header_keys: frozenset[str]
    """Keys of metadata lines at the top of a document ("Title: ..."): such lines are their own sentences."""
    metadata_keys: frozenset[str]
    """Keys of metadata lines that are never evidence for an answer."""
    title_skipped_keys: frozenset[str]
    """Keys of the "Key: value" lines that open letters, memos and messages ("To:", "From:", "Cc:"): no such line
    is a file's title."""
    mail_header_keys: frozenset[str]
    """Keys only an e-mail's or a news post's header has (RFC 5322, RFC 5536): a text file opening with two of them
    is a saved message, whose header may be long and carry values on over indented lines."""
    abbreviations: frozenset[str]
    """Capitalised abbreviations a full stop does not end a sentence after (AP style US states included)."""
    lowercase_abbreviations: frozenset[str]
    """Lowercase abbreviations a full stop does not end a sentence after."""
    months: tuple[str, ...] = MONTHS
    weekdays: tuple[str, ...] = WEEKDAYS
    acronym_skips: frozenset[str] = frozenset({"of", "for", "and", "the", "on", "in", "to", "de", "du", "des", "&"})
    """Small words an acronym leaves out ("International Atomic Energy Agency" is IAEA, "Bank of England" BoE)."""
    ambiguous_lowercase_months: frozenset[str] = frozenset({"may", "mar", "march"})
    """Month names that are ordinary words in lowercase ("may be", "march on"): a month only with a year."""
    may_prepositions: frozenset[str] = frozenset({"in", "since", "until", "till", "during"})
    """"by May", "after May" usually name a person; only these prepositions make a bare "May" a month."""
    measure_asked_by: frozenset[str] = frozenset({"how"})
    """Question words whose next word names the measure asked for ("how long", "how far", "how old"): that word is
    part of the question's form, not a content word the answer's sentence should repeat ("after an 18-month
    renovation" answers "How long did the renovation take?")."""
    named_weekday_prefixes: frozenset[str] = frozenset(
        {"super", "black", "good", "bloody", "cyber", "ash", "holy", "easter", "palm"}
    )
    """Words that make a weekday a named day ("Black Friday"), not a date."""
    count_words: Mapping[str, int] = field(
        default_factory=lambda: MappingProxyType(
            {
                "a": 1,
                "an": 1,
                "one": 1,
                "two": 2,
                "three": 3,
                "four": 4,
                "five": 5,
                "six": 6,
                "seven": 7,
                "eight": 8,
                "nine": 9,
                "ten": 10,
                "eleven": 11,
                "twelve": 12,
                "a couple": 2,
                "a couple of": 2,
            }
        )  # fmt: skip
    )
    """Number words in relative dates ("two weeks ago", "a couple of days later")."""
    count_nouns: tuple[str, ...] = (
        "votes?", "people", "persons", "members", "troops", "soldiers", "residents", "cases", "units", "times",
        "dollars", "euros", "pounds", "points", "pages", "words", "hours", "metres?", "meters?", "feet", "km",
        "kilometres?", "kilometers?", "miles", "kg", "tonnes?", "tons", "degrees",
    )  # fmt: skip
    """Nouns after a number that make it a count or a measure, not a year ("2021 votes", "2000 metres"; regex
    pieces)."""
    month_abbreviations: tuple[str, ...] = (
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    )  # fmt: skip
    """Short month names, as questions write them ("Jul 2")."""
    question_units: tuple[str, ...] = (
        "percent", "per cent", "dollars", "euros", "pounds", "yuan", "rupees", "people", "men", "women",
        "years?", "days?", "km", "miles",
    )  # fmt: skip
    """Units after a number that belong to it in a question ("40 percent", "3 days"; regex pieces)."""
    scale_words: tuple[str, ...] = ("million", "billion", "thousand", "hundred")
    """Words that scale a number ("10 million")."""
    measure_units: tuple[str, ...] = MEASURE_UNITS
    """Units a number word measures ("one hour", "a mile"; regex pieces): see askdocs.lang.numbers."""
    question_kinds: tuple[tuple[str, str], ...] = QUESTION_KINDS
    """Question kinds and the wording that shows each (regular expressions): the wording that starts first in the
    question wins, and of two starting at the same word, the one listed first (a "when" or "where" that opens a
    clause before a comma aside: see askdocs.answering.query.question_kind)."""
    auxiliaries: frozenset[str] = frozenset(AUXILIARIES)
    """The verbs a question puts after its question word: "When did ...?" asks when, "When AZ won, who ...?" not."""
    embedding_verbs: frozenset[str] = vocabulary(
        "know knows knew known tell told say says said mention mentions mentioned explain explains show shows"
        " remember recall state states"
    )
    """Verbs that put a question inside a yes/no one ("Can you tell me who ...?", "Do you know when ...?", "Does
    the report say how many ...?"): it asks what the question after them asks."""
    option_words: frozenset[str] = vocabulary(
        "option options flag flags switch switches argument arguments parameter parameters mean means meaning do does"
        " command commands"
    )
    """Words a question about a command's option uses around it ("What does the -v flag mean?"): they name no
    command."""
    not_heads: frozenset[str] = vocabulary(
        "a an the of is was were are be been did does do has have had will can could would should this that these"
        " those it he she they we you i"
    )
    """Words after "which"/"what" that are not the noun a question asks for."""
    verb_heads: frozenset[str] = vocabulary(
        "happen happens made makes make caused causes led leads went goes came comes took takes"
    )
    """Verbs that can follow "what" ("what happened") and are not the noun asked for."""
    determiners: frozenset[str] = vocabulary("the a an this that these those his her its their our my your some each")
    """Words that open a noun phrase: one after "What year saw" makes "saw" a verb, not part of the noun asked for."""
    reference_words: tuple[str, ...] = (
        "following", "after", "before", "since", "until", "till", "prior to", "ahead of", "in the wake of",
        "in the run-up to",
    )  # fmt: skip
    """Words before a date that make it a point the sentence counts from, not its own event ("after July 2")."""
    follow_up_openers: tuple[str, ...] = ("and what about", "what about", "how about", "what of", "and", "but", "also")
    """How an elliptical follow-up starts ("And on July 3?", "What about Herrera?")."""
    byline_openers: tuple[str, ...] = BYLINE_OPENERS
    """What opens a news story's byline or date line: see askdocs.lang.en_news."""
    release_lines: tuple[str, ...] = RELEASE_LINES
    """The line a press release opens with, no title: see askdocs.lang.en_news."""
    embargo_openers: tuple[str, ...] = EMBARGO_OPENERS
    """What opens a press release's embargo line, no title: see askdocs.lang.en_news."""
    embargo_ends: tuple[str, ...] = EMBARGO_ENDS
    """Words besides a time that end an embargo ("further notice"): see askdocs.lang.en_news."""
    reciprocal_verbs: frozenset[str] = vocabulary(
        "marry wed divorce meet face play tie draw date partner fight battle debate duel kiss hug embrace resemble"
        " match join merge collide"
    )
    """Verbs whose doer and done-to may trade places with the fact unchanged ("Anne married Mark Phillips", "Mark
    Phillips married Anne"): the answer to "Who did X marry?" may be the sentence's subject."""
    not_place_words: frozenset[str] = NOT_PLACE_WORDS
    """Words no place in a dateline holds ("In Paris, ..."): see askdocs.lang.en_news."""
    personal_pronouns: tuple[str, ...] = ("he", "she", "him", "they", "them")
    """Pronouns that stand for the last turn's person or people."""
    person_pronouns: tuple[str, ...] = ("he", "she", "him", "his", "her", "hers")
    """Pronouns that stand for one person: a question that uses one and names nobody needs an earlier turn."""
    possessive_pronouns: tuple[str, ...] = ("his", "their")
    """Possessives that stand for the last turn's person or people ("her" is told apart by what follows)."""
    opening_pronouns: frozenset[str] = frozenset({"he", "she", "it", "they", "his", "her", "its", "their"})
    """Pronouns that, opening a sentence or before any name in it, speak of whom or what the sentence before names
    ("It is 214 kilometres long.", "When heated it decomposes.")."""
    referring_determiners: frozenset[str] = frozenset({"the", "this", "that", "these", "those"})
    """Words that, opening a sentence before a common noun, speak of what the sentence before names ("The line ...")."""
    impersonal_verbs: tuple[str, ...] = (
        "is", "was", "has been", "had been", "seems", "seemed", "appears", "appeared", "remains", "remained",
        "will be", "would be", "may be", "might be",
    )  # fmt: skip
    """Verbs after an "It" that stands for nothing when one or two words later an `impersonal_links` word follows
    ("It is said that ...", "It was not known whether ...")."""
    impersonal_links: tuple[str, ...] = ("that", "whether", "if")
    """The words that open what an impersonal "It is said ..." is about."""
    person_nouns: frozenset[str] = vocabulary("""
    men women person people child children boy girl baby king queen prince princess judge president minister official
    chief head captain pilot nurse chef cook guard agent student resident patient citizen victim suspect witness hero
    heroine athlete poet coach candidate mayor general colonel spouse wife husband son daughter brother uncle aunt
    cousin friend rival opponent parent adult individual monk priest bishop pope saint deputy delegate envoy diplomat
    aide couple pair duo crew staff cast figure human boss host
    """)
    """Nouns for people, besides the `titles` and those with a `person_noun_endings` ending: "Which yacht ...?" asks
    for a thing, "Which player ...?" for a person."""
    person_noun_endings: tuple[str, ...] = ("er", "or", "ist", "ian", "man", "person", "ess")
    """Endings of nouns for people ("player", "actor", "chairman"), but for `thing_nouns` ("computer", "river")."""
    person_plural_endings: tuple[tuple[str, str], ...] = (("men", "man"),)
    """Plural endings of nouns for people with their singular's ("chairmen": "chairman"), but for `thing_nouns`
    ("specimen")."""
    thing_noun_endings: tuple[str, ...] = ("ness",)
    """Endings that end as a person's does but never name a person ("darkness": "ness" ends in "ess"), but for
    `person_sense_nouns` ("baroness")."""
    time_compounds: frozenset[str] = frozenset(w.replace("_", " ") for w in vocabulary("""
    time_zone time_limit time_frame time_slot time_period time_span time_scale time_signature time_lag time_stamp
    time_sheet time_series time_trial time_capsule time_machine time_travel date_palm date_line date_stamp date_format
    date_range day_rate day_care day_trip day_pass day_school day_shift day_job day_ticket year_group year_book
    """))  # fmt: skip
    """Nouns opening with a time's word that name something else: "What time zone ...?" asks which one, not when;
    "What time" and any other word ("What time tomorrow ...?") asks when."""
    letter_words: frozenset[str] = frozenset({"a", "i", "o"})
    """Letters that are words on their own ("a-guide-to-loans"): a hyphen after one joins two words, not "x-ray"."""
    particles: frozenset[str] = vocabulary("on off up down out")
    """Opposites only as particles ending their phrase ("the lights went off", not "off the coast") after a word both
    phrases share: the "off" of "signed off" says nothing against "the repair on the fuel line"."""
    placeholder_titles: frozenset[str] = frozenset(
        {"untitled", "untitled document", "untitled-1", "no title", "(anonymous)", "(untitled)"}
    )
    """Titles tools record when the author gave none (reportlab writes "untitled"), casefolded: taken as no title."""
    placeholder_title_prefixes: tuple[str, ...] = ("microsoft word - ", "microsoft powerpoint - ", "microsoft excel - ")
    """How the title of an Office file printed to PDF starts ("Microsoft Word - notes.docx"): a file name follows."""
    word_forms: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Irregular forms and their base word ("began": "begin", "children": "child"), and the comparatives and
    superlatives of adjectives and adverbs ("deepest": "deep"), lowercase: forms the stemmer's rules miss."""
    line_end_words: frozenset[str] = frozenset()
    """Articles, prepositions, conjunctions and auxiliaries no heading or list item ends on ("... apply to the",
    "... Fund for"), lowercase: a line ending on one was wrapped. Particles ("sign up", "log in") are left out."""
    unfinished_words: frozenset[str] = frozenset()
    """Words no sentence, heading or list item ends on, lowercase: articles, conjunctions, possessive determiners,
    "of" and "than". A line ending on one runs on to the next, even a capitalised one ("... apply to the" /
    "Coastal Communities Fund"). Prepositions and auxiliaries are left out: a heading may end on one ("Who we
    are", "Where we come from")."""
    number_forms: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Numbers written as words and the digits that write them ("twelfth" and "12th"): a question's word counts as
    present where the documents write the other."""
    related_file: str = ""
    """The data file of words and the words derived from them ("own" and "owner", "die" and "death"), read when
    first needed: see `related`."""
    opposites_file: str = ""
    """The data file of words and their opposites, read when first needed: see `opposites`."""
    thing_nouns_file: str = ""
    """The data file of nouns with a person's ending that name things, read when first needed: see `thing_nouns`."""
    person_sense_nouns_file: str = ""
    """The data file of nouns whose ending misleads that have a person's sense, read when first needed: see
    `person_sense_nouns`."""

    @cached_property
    def related(self) -> Mapping[str, frozenset[str]]:
        """Each word with the words derived from it or it from, lowercase (WordNet's links), where spelling alone
        does not tell: "own" and "owner", "die" and "death", "steal" and "stealer"."""
        return paired(self.related_file)

    @cached_property
    def opposites(self) -> Mapping[str, frozenset[str]]:
        """Each word with its opposites, lowercase (WordNet's antonyms): "most" and "least", "rise" and "fall"."""
        return paired(self.opposites_file)

    @cached_property
    def thing_nouns(self) -> frozenset[str]:
        """Nouns with one of `person_noun_endings` that name things, lowercase (by WordNet's senses): "river",
        "computer", "process"; a noun it does not list is read by its ending ("influencer")."""
        return word_list(self.thing_nouns_file)

    @cached_property
    def person_sense_nouns(self) -> frozenset[str]:
        """Nouns whose ending misleads that have a person's sense all the same, lowercase (by WordNet's senses):
        `thing_nouns` that may name a person ("tenor", "anchor": "Which tenor ...?" may be answered by a person's
        name) and nouns with one of `thing_noun_endings` that name people ("baroness", "governess")."""
        return word_list(self.person_sense_nouns_file)

    @cached_property
    def _forms_by_base(self) -> Mapping[str, frozenset[str]]:
        """Each base word with its irregular forms, derived once from `word_forms`."""
        grouped: dict[str, set[str]] = {}
        for form, base in self.word_forms.items():
            grouped.setdefault(base, {base}).add(form)
        return MappingProxyType({base: frozenset(forms) for base, forms in grouped.items()})

    def forms_of(self, word: str) -> tuple[str, ...]:
        """The word and every form that shares its base ("begin", "began", "begun"), lowercase."""
        base = self.word_forms.get(word, word)
        return (word, *sorted(self._forms_by_base.get(base, frozenset()) - {word}))


EN = Lexicon(
    stopwords=vocabulary("""
    a about above after again against all am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here hers
    herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on
    once only or other our ours ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were what when where
    which while who whom whose why will with would you your yours yourself yourselves tell please know say said says
    many much happen happened happens take took place also ever still yet instead really actually exactly get got
    el la los las le les de del da di du der
    article document documents text story piece report mention mentioned mentions name named called quoted according
    """),
    sentence_words=vocabulary("""
    a an the and but or nor so yet for if when where while who whom whose which what why how that this these those
    there here then now also still however meanwhile following after before during earlier later another some many
    most several both each every such other others all any no not only even just although though as since because
    unlike despite according in on at by to from with without into over under of off up out about against between
    it its he she they we i you his her their our my your him them us me is are was were be been being has have had
    do does did will would can could should may might must shall one two three first last next new
    """),
    name_connectors=vocabulary("de del la las los y van von der den da di do dos das du le bin ibn al"),
    spanish_articles=vocabulary("el la los las de del"),
    titles=vocabulary("""
    President Vice General Chief Minister Prime Senator Governor Mayor Dr Dr. Mr Mr. Mrs Mrs. Ms Ms. Judge Justice
    Captain Colonel Lieutenant Sergeant Major Officer Secretary King Queen Prince Princess Pope Sheriff Commander
    Agent Inspector Detective Sir Lady Lord Father Bishop Cardinal Rabbi Imam Admiral Ambassador Deputy Representative
    Rep. Sen. Gov. Gen. Col. Capt. Lt. Sgt. Prof. Professor Chancellor Premier Commissioner Director Superintendent
    """),
    organisation_words=vocabulary("""
    Cartel Army Police Administration Agency Embassy Consulate Government Ministry Department Unit Forces Force
    Office Party Company Corporation Corp Corp. Inc Inc. Ltd Ltd. LLC Bank University College School Court Council
    Commission Committee Association Union Institute Foundation Group Organization Organisation Service Services Bureau
    Guard Navy Congress Senate Parliament Assembly Federation League Club Network Times Post News Press Agency
    Authority Directorate Secretariat Cabinet Coalition Front Movement Alliance Brigade Battalion Regiment Squad
    Command Gang Clan Syndicate Enterprises Holdings Airlines Hospital
    """),
    place_name_words=vocabulary("""
    City Beach County Province River Island Islands Mountain Mountains Lake Bay Coast Valley Street Avenue Square
    Republic Kingdom Airport Port District Region Gulf Ocean Sea Park Mount Cape Peninsula Desert Canyon Border
    Highway Road Boulevard Plaza Harbour Harbor Township Village Town Municipality Prefecture Oblast Territory
    """),
    place_nouns=vocabulary("""
    hospital capital city town village port border prison jail airport hotel school region state country coast
    house home office station embassy consulate court church market square street area district province valley
    mountains desert island base camp barracks headquarters neighbourhood neighborhood territory municipality
    highway road bridge harbour harbor beach park farm ranch
    """),
    place_prepositions=vocabulary("in at near from to into outside inside across throughout toward towards within"),
    not_place_before_to=vocabulary("according due thanks owing next close said told say says talked spoke"),
    month_or_day=frozenset(MONTHS + WEEKDAYS + tuple(m[:3] for m in MONTHS) + ("sept",)),
    header_keys=vocabulary(
        "date title author authors by byline source url link published updated modified tags category"
        " categories summary description subtitle dateline location keywords language lang slug publisher section"
        " subject"
    ),
    title_skipped_keys=vocabulary(
        "to from cc bcc date sent subject re attn ref reference file message-id newsgroups organization"
        " organisation lines path"
    ),
    mail_header_keys=vocabulary(
        "message-id in-reply-to references received return-path mime-version content-type content-transfer-encoding"
        " newsgroups path xref followup-to nntp-posting-host article-i.d. x-mailer user-agent"
    ),
    metadata_keys=vocabulary(
        "title date published updated author authors byline tags category categories source url summary"
        " description slug lang language"
    ),
    abbreviations=vocabulary(
        """
    Mr Mrs Ms Mx Dr Prof Gen Sen Sens Rep Reps Gov Lt Col Capt Sgt Cpl Pvt Maj Adm Cmdr Brig Gens
    St Ste Mt Ft Jr Sr Inc Ltd Co Corp Bros Plc Cie Messrs Mme Mlle Rev Hon Pres Supt Det Insp Atty
    Fr Sra Sr Srta Dept Univ Assn Ave Blvd Rd Hwy No Nos Vol Vols Op Fig Figs Ph.D Ed Eds Esq
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun
    Ala Ariz Ark Calif Colo Conn Fla Kan Kans Ky Md Mass Mich Minn Mont Neb Nev Okla Ore Pa Tenn
    Vt Va Wash Wis Wyo
    """
    ),
    lowercase_abbreviations=vocabulary(
        "vs etc e.g i.e cf approx est al fig figs vol no nos pp ca ibid viz incl dept sq ft"
    ),
    word_forms=word_forms("en_graded.tsv", "en_word_forms.tsv"),
    line_end_words=vocabulary(
        "a an the of to for from with by at into onto upon than and or nor but as that which whose whom is are was"
        " were be been being has have had will would shall should can could may might must its their his her our"
        " your my this these those"
    ),
    unfinished_words=vocabulary("a an the and or nor but of than its their our your my whose"),
    number_forms=number_forms(),
    related_file="en_related.tsv",
    opposites_file="en_opposites.tsv",
    thing_nouns_file="en_thing_nouns.txt",
    person_sense_nouns_file="en_person_sense_nouns.txt",
)

STOPWORDS = EN.stopwords
"""Shorthand for EN.stopwords."""
