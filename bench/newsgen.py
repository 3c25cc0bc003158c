"""Generate a deterministic corpus of varied, unrelated news articles to stress askdocs' precision.

Each article has a title, a `Date:` header (or front matter / HTML metadata) and several paragraphs
built from templates per topic: organised crime (arrests, soldiers, pesos, July dates, other people),
crime elsewhere, politics, business, sport, weather, health, culture, transport and diplomacy.
Arrest stories never fall on July 2, so "Who was arrested on July 2?" keeps one true answer
(the sample article), while July 2 still appears in other stories as a date-only distractor.

    python bench/newsgen.py OUT_DIR [--count 400] [--seed 7]
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import random
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import newswords as W  # noqa: E402
from newstopics import ARREST_TOPICS, BACKGROUND, TOPICS, WEIGHTS, Story  # noqa: E402

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


@dataclass(frozen=True)
class Article:
    """One generated file: its name inside the corpus folder and its full content."""

    name: str
    text: str
    topic: str


class Ctx(dict):
    """Slot values for one article; `fill` formats a template with them."""

    def fill(self, template: str) -> str:
        return template.format_map(self)


def person(rng: random.Random, mexican: bool = False) -> str:
    """A full name; Mexican stories use Spanish names, others a mix of the two pools."""
    if mexican or rng.random() < 0.4:
        return f"{rng.choice(W.ES_FIRST)} {rng.choice(W.ES_SURNAMES)}"
    return f"{rng.choice(W.OTHER_FIRST)} {rng.choice(W.OTHER_SURNAMES)}"


def words_for(n: int) -> str:
    return NUMBER_WORDS[n] if 0 <= n < len(NUMBER_WORDS) else str(n)


def day_phrase(day: dt.date) -> str:
    return f"{day:%B} {day.day}"


def base_ctx(rng: random.Random, published: dt.date, event: dt.date) -> Ctx:
    """Slots every topic may use: people, places, dates relative to the publication date, numbers."""
    city, country = rng.choice(W.WORLD_PLACES)
    mx_city, mx_state = rng.choice(W.MX_PLACES)
    return Ctx(
        p1=person(rng),
        p2=person(rng),
        p3=person(rng),
        p4=person(rng),
        mx1=person(rng, mexican=True),
        mx2=person(rng, mexican=True),
        mx3=person(rng, mexican=True),
        city=city,
        country=country,
        mx_city=mx_city,
        mx_state=mx_state,
        role=rng.choice(W.ROLES),
        official=rng.choice(W.OFFICIAL_ROLES),
        day=day_phrase(event),
        weekday=WEEKDAYS[event.weekday()],
        year=published.year,
        last_year=published.year - 1,
        next_year=published.year + 1,
        n_small=words_for(rng.randint(2, 9)),
        n_mid=rng.randint(12, 95),
        n_big=f"{rng.randint(120, 40000):,}",
        pct=f"{rng.randint(2, 38)}.{rng.randint(0, 9)}",
        money=f"{rng.randint(2, 60)} million",
        company=rng.choice(W.COMPANIES),
        company2=rng.choice(W.COMPANIES),
    )


def topic_ctx(rng: random.Random, ctx: Ctx, published: dt.date, event: dt.date) -> Ctx:
    """Slots particular to some topics (aliases, casualties, scores, exchange rates...)."""
    cartel = rng.choice(W.CARTELS)
    later = event + dt.timedelta(days=rng.randint(3, 40))
    festival = rng.choice(W.FESTIVALS)
    ctx.update(
        p1_surname=ctx["p1"].split()[-1],
        mx1_surname=ctx["mx1"].split()[-1],
        n_small_cap=ctx["n_small"].capitalize(),
        cartel=cartel,
        cartel_short=cartel.removeprefix("the ").replace(" Cartel", "").replace(" organisation", ""),
        alias=rng.choice(W.ALIASES),
        dead=words_for(rng.randint(2, 9)),
        wounded=words_for(rng.choice([2, 3, 5, 6, 7])),
        bribe=rng.choice([2, 3, 5, 8, 12, 15, 20, 25]),
        weapon=rng.choice(W.WEAPONS),
        drug=rng.choice(W.DRUGS),
        mx_city2=rng.choice([c for c, _ in W.MX_PLACES if c != ctx["mx_city"]]),
        age=rng.randint(19, 67),
        n_mid2=rng.randint(10, 90),
        pct2=f"{rng.randint(0, 4)}.{rng.randint(1, 9)}",
        fx=f"{rng.uniform(16.5, 21.5):.2f}",
        team=rng.choice(W.TEAMS),
        team2="",
        score=f"{rng.randint(1, 4)}-{rng.randint(0, 1)}",
        draw=rng.choice(["1-1", "2-2", "0-0"]),
        day2=day_phrase(later),
        temp=rng.randint(39, 48),
        weekday2=WEEKDAYS[later.weekday()],
        festival=festival[0].upper() + festival[1:],
        festival_title=festival.removeprefix("the ").removeprefix("a ").title(),
    )
    ctx["team2"] = rng.choice([t for t in W.TEAMS if t != ctx["team"]])
    return ctx


def dates_for(rng: random.Random, topic: str) -> tuple[dt.date, dt.date]:
    """Publication and event dates; half the stories fall in July; no arrest story is dated or set near July 2."""
    year = rng.randint(2019, 2023)
    if rng.random() < 0.5:
        published = dt.date(year, 7, rng.randint(1, 31))
    else:
        published = dt.date(year, 1, 1) + dt.timedelta(days=rng.randint(0, 364))
    event = published - dt.timedelta(days=rng.randint(0, 5))
    if topic in ARREST_TOPICS and (published.month, published.day) <= (7, 8) and event >= dt.date(year, 6, 26):
        published = dt.date(year, 7, rng.randint(9, 31))
        event = published - dt.timedelta(days=rng.randint(0, 5))
    return published, event


def sentence(ctx: Ctx, template: str) -> str:
    text = ctx.fill(template)
    return text[0].upper() + text[1:]


def compose(rng: random.Random, story: Story, background: list[str], ctx: Ctx) -> tuple[str, list[str]]:
    """Headline and paragraphs: a lede, the story's facts with one quote among them, then some context."""
    headlines, ledes, body, quotes = story
    sentences = rng.sample(body, k=min(len(body), rng.randint(3, 6)))
    sentences.insert(rng.randint(1, len(sentences)), rng.choice(quotes))
    sentences += rng.sample(background, k=min(len(background), rng.randint(1, 4)))
    paragraphs = [sentence(ctx, rng.choice(ledes))]
    while sentences:
        take = rng.randint(1, 3)
        paragraphs.append(" ".join(sentence(ctx, s) for s in sentences[:take]))
        sentences = sentences[take:]
    return ctx.fill(rng.choice(headlines)), paragraphs


def render(name: str, title: str, published: dt.date, paragraphs: list[str], style: int) -> tuple[str, str]:
    """File name and content in one of three formats: text with headers, markdown front matter, or HTML."""
    if style == 0:
        return f"{name}.html", (
            f'<!doctype html>\n<html><head><meta charset="utf-8"><title>{html.escape(title)}</title>\n'
            f'<meta property="article:published_time" content="{published.isoformat()}">\n</head><body>\n'
            '<nav><a href="/">Home</a> | <a href="/world">World</a></nav>\n'
            f"<article><h1>{html.escape(title)}</h1>\n"
            + "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
            + "\n</article>\n<footer>All rights reserved.</footer>\n</body></html>\n"
        )
    if style == 1:
        body = "\n\n".join(paragraphs)
        return f"{name}.md", f'---\ntitle: "{title}"\ndate: {published.isoformat()}\n---\n\n# {title}\n\n{body}\n'
    return f"{name}.txt", f"Title: {title}\nDate: {published:%B} {published.day}, {published.year}\n\n" + "\n".join(
        paragraphs
    ) + "\n"


def generate(count: int, seed: int = 7) -> list[Article]:
    """`count` articles, the same for the same seed; each article has its own random stream."""
    topics = [t for t, w in WEIGHTS.items() for _ in range(w)]
    out = []
    for i in range(count):
        rng = random.Random(f"{seed}:{i}")
        topic = rng.choice(topics)
        published, event = dates_for(rng, topic)
        ctx = topic_ctx(rng, base_ctx(rng, published, event), published, event)
        title, paragraphs = compose(rng, rng.choice(TOPICS[topic]), BACKGROUND[topic], ctx)
        style = 0 if i % 20 == 13 else 1 if i % 10 == 7 else 2
        name, text = render(f"news/{published.isoformat()}-{topic}-{i:04d}", title, published, paragraphs, style)
        out.append(Article(name, text, topic))
    return out


def body_text(size: int, seed: int = 0) -> bytes:
    """About `size` bytes of article bodies (no titles), cut at the last line end: one big plain-text file."""
    pieces, total = [], 0
    while total < size:
        for article in generate(200, seed=seed):
            body = article.text.split("\n\n", 1)[-1] + "\n\n"
            pieces.append(body)
            total += len(body.encode())
        seed += 1
    data = "".join(pieces).encode()[:size]
    return data[: data.rfind(b"\n") + 1]


def write_corpus(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """Write the generated articles under `folder` (created if needed) and return their paths."""
    paths = []
    for article in generate(count, seed):
        path = folder / article.name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article.text, encoding="utf-8")
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write the articles into")
    parser.add_argument("--count", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    paths = write_corpus(args.out, args.count, args.seed)
    print(f"wrote {len(paths)} articles under {args.out}")


if __name__ == "__main__":
    main()
