"""Story templates per news topic for the generated corpus; newsgen.py fills the {slots}.

A story is (headlines, ledes, body sentences, quotes): one headline and one lede are picked, then a
few body sentences in random order with one quote placed among them, so that articles of the same
story still differ in wording, order, people, places, dates and numbers.
"""

from __future__ import annotations

Story = tuple[list[str], list[str], list[str], list[str]]

CARTEL: list[Story] = [
    (
        [
            "Soldiers Detain Alleged {cartel_short} Boss in {mx_city}",
            "Gunfight in {mx_state} After Arrest of ‘{alias}’",
        ],
        [
            "Mexican soldiers arrested {mx1}, known as “{alias}”, in {mx_city}, {mx_state}, on {day}, "
            "in an operation that officials said targeted the leadership of {cartel}.",
            "A confrontation between the army and gunmen broke out in {mx_city}, {mx_state}, on {weekday} "
            "after troops detained {mx1}, ‘{alias}’, an alleged regional boss of {cartel}.",
        ],
        [
            "The operation left {dead} gunmen dead and {wounded} soldiers wounded, {official} said.",
            "According to {official}, the suspect's associates offered the troops {bribe} million pesos "
            "to let the prisoner go.",
            "Residents filmed convoys of pick-up trucks blocking the highway with burning vehicles for several hours.",
            "Authorities said {mx1_surname} is wanted in connection with at least {n_mid} killings in the region.",
            "A second suspect, {mx2}, was detained the following day in {mx_city2} and is accused of laundering "
            "money for the group through currency exchange houses.",
            "The National Guard sent {n_mid2} additional officers to {mx_state} after the clashes.",
            "Schools in {mx_city} suspended classes on {weekday} and public transport stopped running.",
            "The prisoner was flown to Mexico City, where a judge will decide on an extradition request.",
        ],
        [
            "“This is a blow to the financial structure of the organisation,” said {mx3}, the state security "
            "secretary.",
            "“People here are afraid to leave their homes at night,” said {mx2}, a shopkeeper in {mx_city}.",
        ],
    ),
    (
        ["Security Forces Seize Weapons and Drugs in {mx_city} Raid", "Army Finds Drug Lab Near {mx_city}"],
        [
            "Soldiers and federal agents seized {weapon} and a shipment of {drug} in a raid on a ranch outside "
            "{mx_city}, {mx_state}, on {day}.",
            "The army said on {weekday} it had dismantled a drug laboratory in the hills near {mx_city}, "
            "{mx_state}, used by {cartel}.",
        ],
        [
            "{n_small_cap} people were arrested at the site, including two chemists, {official} said.",
            "Troops found {n_mid} magazines, {n_small} vehicles and about {bribe} million pesos in cash.",
            "Investigators believe the laboratory produced several tonnes of {drug} a month.",
            "No shots were fired during the operation.",
            "Security analyst {mx3} said seizures of this size were becoming more frequent.",
            "The defence ministry said {n_mid2} laboratories had been destroyed in {mx_state} since January.",
        ],
        [
            "“We are following the money as much as the drugs,” {official} told reporters.",
            "“They are replaced within weeks,” said {mx3}, who studies organised crime.",
        ],
    ),
    (
        ["Extortion Gang Broken Up in {mx_city}", "Prosecutors Charge Police Officers Over Kidnapping in {mx_state}"],
        [
            "Prosecutors in {mx_state} said on {weekday} they had charged {n_small} people with extorting shop "
            "owners in {mx_city} on behalf of {cartel}.",
            "Five municipal police officers in {mx_city}, {mx_state}, were charged on {day} with kidnapping "
            "a businessman and demanding a ransom of {bribe} million pesos.",
        ],
        [
            "Prosecutors said the group charged local businesses between 5,000 and 20,000 pesos a month.",
            "The kidnapped businessman, identified as {mx2}, was freed unharmed after {n_small} days.",
            "Among those charged is {mx1}, who prosecutors say ran the network from prison.",
            "The state government said reports of extortion had risen by {pct} percent this year.",
            "Tortilla sellers and bus drivers were among the victims.",
        ],
        [
            "“Nobody should have to pay to open their shop,” said {mx3}, the state prosecutor.",
            "“We knew who they were, but we were afraid to speak,” a shop owner said.",
        ],
    ),
]

CRIME: list[Story] = [
    (
        ["Police in {city} Arrest Suspect in Warehouse Fire", "Arrest Made After Fire Destroys {city} Warehouse"],
        [
            "Police in {city}, {country}, arrested {p1} on {day} in connection with a fire that destroyed "
            "a warehouse near the port.",
            "A {age}-year-old, {p1}, was arrested on {weekday} after a fire gutted a warehouse in {city}, {country}.",
        ],
        [
            "Nobody was injured, although {n_small} firefighters were treated for smoke inhalation.",
            "Officers found the suspect at a relative's flat after a tip from a neighbour.",
            "{p2}, a detective inspector, said the investigation had taken {n_mid} days.",
            "The warehouse stored furniture and electrical goods worth about {money} dollars.",
            "The court remanded {p1_surname} in custody until a hearing next month.",
        ],
        ["“We are confident we have the right person,” {p2} told a press conference."],
    ),
    (
        ["{city} Jewellery Shop Robbed in Broad Daylight", "Two Charged Over {city} Jewellery Raid"],
        [
            "Two men were charged on {weekday} with armed robbery after a jewellery shop in central {city} "
            "was raided on {day}.",
            "Police in {city} detained {p1} and {p3} on {day} over the robbery of a jewellery shop.",
        ],
        [
            "Police recovered watches and rings worth about {money} dollars.",
            "The suspects' lawyer, {p4}, said they denied the charges.",
            "Crime in the district has fallen by {pct} percent since {last_year}, according to city figures.",
            "Security camera footage showed the robbers leaving on a motorbike.",
        ],
        ["“It was terrifying, they were in and out in two minutes,” said {p2}, who works next door."],
    ),
    (
        ["Fraud Ring Dismantled in {city}, Police Say"],
        [
            "Investigators in {city} said on {weekday} they had broken up a fraud ring that took {money} "
            "dollars from pensioners over {n_small} years.",
        ],
        [
            "The gang called elderly people pretending to be bank employees.",
            "Prosecutors said {n_small} other people were being questioned.",
            "{p1}, described by police as the ringleader, was arrested at an airport.",
            "Banks in {country} have been asked to warn customers about the scam.",
        ],
        ["“Never give your PIN to anyone who calls you,” said {p2}, a police spokesperson."],
    ),
]

POLITICS: list[Story] = [
    (
        ["{city} Elects New Mayor After Tight Race"],
        ["Voters in {city} elected {p1} as mayor on {day}, ending {n_small} terms of rule by the governing coalition."],
        [
            "Turnout was {pct} percent, the highest in a decade.",
            "{p2}, the outgoing mayor, conceded defeat in a short speech to supporters.",
            "The new council will meet for the first time next month.",
            "{p1_surname} promised to build affordable housing and extend the tram network.",
        ],
        ["“The people have asked for change and they will get it,” {p1} said."],
    ),
    (
        ["Lawmakers in {country} Pass Budget After Long Night of Talks"],
        [
            "Lawmakers in {country} approved next year's budget in the early hours of {weekday}, after "
            "{p1}, the finance minister, agreed to raise spending on schools.",
        ],
        [
            "The vote passed by {n_mid} votes to {n_mid2}.",
            "The budget includes {money} dollars for rural roads and a new hospital in {city}.",
            "Critics said the plan would widen the deficit to {pct} percent of national output.",
        ],
        ["“This budget protects families,” {p1} told parliament."],
    ),
    (
        ["Opposition Leader in {country} Calls for Early Elections"],
        ["{p1}, who leads the largest opposition party in {country}, called on {weekday} for early elections."],
        [
            "Polls show the governing party {n_small} points behind its main rival.",
            "Thousands marched through {city} in support of the call.",
            "The prime minister's office said the government would serve its full term.",
        ],
        ["“We need a new mandate,” {p1} said in an interview with a local radio station."],
    ),
]

BUSINESS: list[Story] = [
    (
        ["{company} Profit Rises on Strong Demand"],
        ["{company} said on {weekday} that its quarterly profit rose {pct} percent, helped by sales in {country}."],
        [
            "Revenue reached {money} dollars, above analysts' forecasts.",
            "The company plans to hire {n_big} workers at a new plant in {city}.",
            "Chief executive {p1} said costs for energy and transport were easing.",
            "Shares rose {pct2} percent in early trading.",
        ],
        ["“We are investing for the long term,” {p1} said on a call with analysts."],
    ),
    (
        ["Peso Weakens as Investors Weigh Rate Decision"],
        [
            "The Mexican peso fell {pct2} percent against the dollar on {day} as investors waited for the "
            "central bank's interest rate decision.",
        ],
        [
            "The dollar traded at about {fx} pesos in the afternoon.",
            "Analysts expect rates to stay unchanged until the end of {year}.",
            "{mx2}, an economist, said remittances sent home by workers abroad reached a record in {last_year}.",
            "Inflation stood at {pct2} percent in the latest official figures.",
        ],
        ["“Markets are nervous, but the fundamentals are solid,” said {mx3}, a strategist in Mexico City."],
    ),
    (
        ["{company} to Buy {company2} in {money}-Dollar Deal"],
        ["{company} agreed on {day} to buy {company2} for {money} dollars, creating a leader in its industry."],
        [
            "The deal still needs approval from competition regulators.",
            "{company2} employs {n_big} people in {n_small} countries.",
            "Shares of {company2} jumped {pct} percent on the news.",
        ],
        ["“Together we will be stronger,” said {p1}, the chief executive of {company}."],
    ),
]

SPORT: list[Story] = [
    (
        ["{team} Beat {team2} to Reach the Final"],
        ["{team} beat {team2} {score} on {day} to reach the final of the national cup."],
        [
            "{n_big} fans watched the match at a packed stadium.",
            "Coach {p2} said the players had shown character after a difficult season.",
            "{p3} was sent off in the second half for a second yellow card.",
            "The final will be played on {day2} in {city}.",
            "The club has not won a trophy since {last_year}.",
        ],
        ["“We never stopped believing,” {p1} said after the game."],
    ),
    (
        ["Late Goal Gives {team} a Draw in {city}"],
        ["A stoppage-time header from {p1} earned {team} a {draw} draw against {team2} in {city} on {weekday}."],
        [
            "{team2} had led for most of the second half.",
            "The result leaves {team} {n_small} points off the top of the table.",
            "{n_big} fans were in the stadium.",
        ],
        ["“A point is a point,” said coach {p2}."],
    ),
    (
        ["{p1} Wins the {city} Marathon"],
        ["{p1} won the {city} marathon on {weekday} in two hours and {n_mid} minutes, a course record."],
        [
            "More than {n_big} runners took part, and {n_small} were treated for dehydration.",
            "{p2} finished second, {n_small} minutes behind.",
            "Temperatures at the start were already above 25 degrees.",
        ],
        ["“The heat in the last ten kilometres was brutal,” {p1} said."],
    ),
]

WEATHER: list[Story] = [
    (
        ["Floods Force Thousands From Their Homes in {city}"],
        ["Heavy rain flooded neighbourhoods of {city}, {country}, on {day}, forcing {n_big} people from their homes."],
        [
            "Emergency services rescued {n_mid} people stranded on rooftops.",
            "{n_small_cap} people died and dozens were injured, officials said.",
            "Civil protection chief {p1} said rivers were still rising.",
            "Schools in the region will stay closed until {weekday2}.",
        ],
        ["“We lost everything in one night,” said {p2}, who lives near the river."],
    ),
    (
        ["Heat Wave Breaks Records Across {country}"],
        ["Temperatures reached {temp} degrees Celsius in {city} on {weekday}, the highest since records began."],
        [
            "Hospitals treated {n_mid} people for heat stroke.",
            "Forecasters expect the weather to improve by the weekend.",
            "Water use in {city} rose {pct} percent above normal.",
        ],
        ["“Check on your elderly neighbours,” said {p1}, {role}."],
    ),
    (
        ["Storm Brings Down Power Lines in {mx_state}"],
        [
            "A tropical storm cut power to {n_big} homes in {mx_state} on {day}, and soldiers were deployed to "
            "clear roads and hand out water.",
        ],
        [
            "Farmers said crops worth {bribe} million pesos had been lost.",
            "{n_small_cap} people died when a bridge collapsed near {mx_city}.",
            "The electricity company said power would be restored within {n_small} days.",
        ],
        ["“The water came up to the windows,” said {mx2}, a farmer near {mx_city}."],
    ),
]

SOCIETY: list[Story] = [
    (
        ["Study Links Daily Walks to Lower Blood Pressure"],
        [
            "Adults who walked for thirty minutes a day had lower blood pressure after {n_small} months, "
            "researchers in {city} reported on {day}.",
        ],
        [
            "The study followed {n_big} volunteers aged between 40 and 70.",
            "{p1}, who led the research, said the effect was strongest in older adults.",
            "The results were published in a medical journal this week.",
        ],
        ["“Small habits add up,” {p1} said."],
    ),
    (
        ["{city} Hospital Opens New Cancer Wing"],
        ["A new cancer treatment wing opened at the main hospital in {city} on {weekday} after years of work."],
        [
            "The wing cost {money} dollars and has {n_mid} beds.",
            "Waiting times for treatment are expected to fall by {pct} percent.",
        ],
        ["“Patients will no longer have to travel to the capital,” said {p2}, the hospital's director."],
    ),
    (
        ["{festival_title} Opens in {city}"],
        ["{festival} opened in {city} on {day} with {n_mid} events over {n_small} days."],
        [
            "Organisers expect {n_big} visitors.",
            "Tickets for the opening night sold out within hours.",
            "The programme includes free concerts in the main square every evening.",
        ],
        ["“Culture belongs to everyone,” said {p2}, the festival director."],
    ),
    (
        ["New Rail Line Links {city} to the Airport"],
        ["A rail line linking central {city} with the airport opened on {day}, cutting the trip to {n_mid} minutes."],
        [
            "The line cost {money} dollars and took {n_small} years to build.",
            "Trains will run every {n_small} minutes at peak times.",
            "Transport minister {p2} said the project would create {n_big} jobs.",
        ],
        ["“This changes daily life for thousands of people,” said {p2}."],
    ),
    (
        ["Embassy Warns Travellers About Protests in {city}"],
        ["The embassy in {city} warned its citizens on {weekday} to avoid the city centre because of protests."],
        [
            "Travellers were told to follow local media and keep their passports with them.",
            "Protesters are demanding lower fuel prices.",
            "{p1}, the foreign minister, said the relationship between the two countries remained strong.",
        ],
        ["“Dialogue is the only way forward,” {p1} said."],
    ),
]

TOPICS: dict[str, list[Story]] = {
    "cartel": CARTEL,
    "crime": CRIME,
    "politics": POLITICS,
    "business": BUSINESS,
    "sport": SPORT,
    "weather": WEATHER,
    "society": SOCIETY,
}

# Topic weights: organised crime and crime elsewhere are the distractors, so they come often.
WEIGHTS = {"cartel": 5, "crime": 3, "politics": 2, "business": 2, "sport": 2, "weather": 2, "society": 3}
ARREST_TOPICS = frozenset({"cartel", "crime"})

# Context sentences any story of a topic may carry, after its own facts.
BACKGROUND: dict[str, list[str]] = {
    "cartel": [
        "Violence linked to organised crime has displaced thousands of families in {mx_state} in recent years.",
        "Mexico has deployed the army in public security roles since 2006, a policy critics say has failed.",
        "The government says homicides have fallen slightly this year, although independent counts disagree.",
        "Rival groups have fought for years over the routes that carry drugs north to the United States.",
        "Human rights groups have asked for an independent investigation into the use of force.",
        "Local journalists in {mx_state} say they increasingly avoid reporting on the groups for fear of reprisals.",
        "The state's governor, {mx3}, asked the federal government for more troops last month.",
        "Extortion, fuel theft and kidnapping have become major sources of income for criminal groups.",
    ],
    "crime": [
        "Police have increased patrols in the area since the start of the year.",
        "Neighbours said the street had been quiet until recently.",
        "The city council is due to debate funding for more street lighting next month.",
        "Anyone with information has been asked to contact the police.",
        "Insurance claims for theft in {country} have risen for the third year in a row.",
    ],
    "politics": [
        "The country's economy grew {pct2} percent last year, below the government's forecast.",
        "Debates over housing costs and public transport dominated the campaign.",
        "Analysts said the result reflected frustration with rising prices.",
        "The next national election is due in {next_year}.",
    ],
    "business": [
        "Higher interest rates have weighed on consumer spending in many countries.",
        "Supply chains have largely recovered from the disruptions of recent years.",
        "The industry employs about {n_big} people across the region.",
        "Exporters have benefited from a weaker currency.",
    ],
    "sport": [
        "The league has been dominated by the same three clubs for a decade.",
        "Ticket prices have become a growing concern for supporters.",
        "The stadium was renovated in {last_year} at a cost of {money} dollars.",
        "Broadcast rights for the competition were renewed last season.",
    ],
    "weather": [
        "Scientists say extreme weather events are becoming more frequent as the climate warms.",
        "The region suffered similar damage {n_small} years ago.",
        "Insurers estimate the losses could run into the hundreds of millions.",
        "Authorities opened {n_mid} temporary shelters in schools and sports halls.",
    ],
    "society": [
        "Local officials said the project had been planned for more than a decade.",
        "Residents have long complained about the lack of public services in the area.",
        "The announcement was welcomed by community groups.",
        "Similar projects are planned in {n_small} other cities.",
    ],
}
