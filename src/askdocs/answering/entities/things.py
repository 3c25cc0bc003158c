"""Things of a kind named by a common noun (drugs, weapons, vehicles), so that "Which drug ...?" can be answered
by "fentanyl": such answers are lowercase words that no rule over capitals finds, and the model's word vectors
do not tell them apart ("fentanyl" is no closer to "drug" than "police" is), so a short list says what they are."""

from __future__ import annotations

import re
from functools import lru_cache

_MEMBERS: dict[str, str] = {
    "drug": """fentanyl, carfentanil, cocaine, crack, heroin, methamphetamine, crystal meth, meth, amphetamine,
        amphetamines, marijuana, cannabis, hashish, opium, opioids, oxycodone, morphine, xylazine, ketamine, mdma,
        ecstasy, lsd, precursor chemicals""",
    "weapon": """assault rifle, assault rifles, rifle, rifles, ak-47, ak-47s, ar-15, pistol, pistols, handgun,
        handguns, shotgun, shotguns, machine gun, machine guns, submachine gun, grenade, grenades, grenade launcher,
        grenade launchers, rocket launcher, explosives, bomb, bombs, drone, drones, knife, knives, machete, machetes""",
    "vehicle": """pick-up truck, pick-up trucks, pickup truck, pickup trucks, truck, trucks, car, cars, suv, suvs,
        van, vans, motorcycle, motorcycles, helicopter, helicopters, bus, buses, boat, boats, plane, planes,
        aircraft, armoured vehicle, armored vehicle, armoured vehicles, armored vehicles""",
}
HEADS: dict[str, str] = {
    **dict.fromkeys(("drug", "drugs", "narcotic", "narcotics", "substance", "substances", "opioid"), "drug"),
    **dict.fromkeys(("weapon", "weapons", "firearm", "firearms", "gun", "guns", "arms"), "weapon"),
    **dict.fromkeys(("vehicle", "vehicles"), "vehicle"),
}
"""The question's noun ("Which drug ...?", "What weapons ...?") and the kind it asks for."""


def _members(kind: str) -> list[str]:
    return sorted({" ".join(m.split()) for m in _MEMBERS[kind].split(",")}, key=len, reverse=True)


@lru_cache(maxsize=8)
def _pattern(kind: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(m).replace(r"\ ", r"\s+") for m in _members(kind))
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)


def kind_of(head: str | None) -> str | None:
    """The kind of thing a question's noun asks for, if it is one of the listed kinds."""
    return HEADS.get((head or "").lower())


def find_members(text: str, kind: str) -> list[tuple[int, int]]:
    """(start, end) of every listed thing of `kind` in text, longest names first ("assault rifles", not "rifles")."""
    return [(m.start(), m.end()) for m in _pattern(kind).finditer(text)]
