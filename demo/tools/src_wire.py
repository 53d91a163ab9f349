"""Meridian Wire agency stories (groups W1..W5) and their republications.

Each group is one original wire story (outlet meridian-wire) plus three or more
republications by other outlets, made with small edits: a new headline, a local
opening paragraph, the last paragraph(s) trimmed, a word or two changed.
All names, places and figures are invented.
"""

from articles import A, R

GROUPS = {
    "W1": "National Reserve Bank raises its benchmark rate to 4.25%",
    "W2": "Rail union calls a 48-hour national strike for December 3-4",
    "W3": "Magnitude 6.4 earthquake off the Tarsova Islands",
    "W4": "Lumen probe enters orbit around asteroid Ortelia",
    "W5": "National football coach Ilse Brandt resigns",
}

ITEMS = [
    # ------------------------------------------------------------------ W1
    A(id="W1", group="W1", outlet="meridian-wire", slug="reserve-bank-raises-rate",
      when="2026-11-24 19:05", section="Business", tags=("economy", "interest rates"),
      title="National Reserve Bank raises benchmark rate to 4.25% as inflation lingers",
      author="Tobias Wren", image=("chart", "The policy rate since 2022.", "Graphic: Meridian Wire"),
      body="""
      CASTELLAN (Meridian Wire) — The National Reserve Bank raised its benchmark interest rate by a
      quarter of a percentage point to 4.25% on Tuesday, its first increase since March 2025, saying
      that inflation was proving "stickier than we had hoped" ten months after it began to ease.

      Consumer prices rose 3.8% in the year to October, according to the national statistics office,
      well above the bank's 2% target and up from 3.5% in September. Services inflation, which the bank
      watches closely because it tracks wages, reached 5.1%.

      "We would rather act now, by a small step, than be forced into larger steps next year," Governor
      Helena Varga told reporters in Castellan. "Households have been through a great deal. Our job is
      to make sure the price rises of the past three years do not become permanent."

      The monetary policy board voted 5-2 for the increase. The two dissenting members preferred to
      hold rates at 4.0%, citing a slowing housing market and a rise in business insolvencies, which
      reached 1,140 in the third quarter, the highest in eight years.

      Economists had been divided. Of 22 surveyed by Meridian Wire last week, 13 expected an increase
      and nine expected no change.

      For a typical variable-rate mortgage of 250,000 crowns, the increase adds about 38 crowns a month to
      repayments, according to calculations by the Association of Mortgage Lenders. Several large
      banks said they would pass the rise on to borrowers from Dec. 1.

      The bank's next decision is due on Feb. 9. Varga declined to say whether further increases
      would follow, saying the board would "look at every number that comes in".
      """),
    R("W1", outlet="harbor-gazette", slug="central-bank-lifts-rates-mortgages", when="2026-11-24 14:50",
      title="Central bank lifts rates again; Port Alder homeowners face higher payments",
      author="Tobias Wren, Meridian Wire",
      intro="""Homeowners across Port Alder with variable-rate mortgages will see their monthly
      payments rise next month after the central bank surprised some economists with a rate increase
      on Tuesday. About one in three mortgages in the city are on variable rates, according to the
      Northcoast Building Society.""",
      trim=1, subs=[("CASTELLAN (Meridian Wire) —", "CASTELLAN —")]),
    R("W1", outlet="alder-ledger", slug="nrb-hikes-to-4-25", when="2026-11-24 19:30",
      title="NRB hikes to 4.25% in split 5-2 vote", author="Meridian Wire",
      trim=0, subs=[("Economists had been divided.", "Economists had been divided ahead of the decision."),
                    ("CASTELLAN (Meridian Wire) —", "CASTELLAN (MW) —")]),
    R("W1", outlet="valley-courier", slug="interest-rates-rise-quarter-point", when="2026-11-24 14:15",
      title="Interest rates rise a quarter point; valley farmers worry about loans",
      author="Meridian Wire",
      intro="""Farm operators in the Alder Valley, many of whom borrowed heavily for equipment and
      irrigation in the past three years, said Tuesday's rate increase would squeeze already thin
      margins. "Every quarter point is a tractor payment," said Ansel Drury, who grows barley and
      canola near Lindenfeld.""",
      trim=2),

    # ------------------------------------------------------------------ W2
    A(id="W2", group="W2", outlet="meridian-wire", slug="rail-union-calls-strike",
      when="2026-11-21 11:30", section="National", tags=("transport", "labour"),
      title="Rail workers call 48-hour national strike for Dec. 3-4 after pay talks collapse",
      author="Nadia Ferro", image=("rail", "An empty platform at Castellan Central station.", "Photo: Ines Korda / Meridian Wire"),
      body="""
      CASTELLAN (Meridian Wire) — The Union of Rail and Transit Workers on Saturday called a 48-hour
      national strike for Dec. 3 and 4, after eight months of pay negotiations with the state-owned
      National Rail Company broke down late on Friday night.

      The union said 94% of members who took part in a ballot had voted for strike action, on a
      turnout of 71%. Its 23,000 members include drivers, conductors, signal staff and maintenance
      crews, and the company said it would not be able to run "any meaningful service" on the two
      days.

      About 1.1 million passenger journeys are made on the national network on a typical weekday,
      and freight operators that rely on the company's signal staff would also be affected.

      The company has offered a 3.5% raise this year and 3% next year. The union is asking for 6%,
      arguing that its members' real wages have fallen by 9% since 2022.

      "Nobody on our side wants to leave passengers stranded two weeks before the holidays," union
      general secretary Dmitri Oyelaran said. "But our members have run out of patience. The company
      knows our number and it knows where to find us."

      National Rail chief executive Corinne Abbatt called the strike "deeply disappointing" and said
      the offer was "the best in a decade". Transport Minister Petra Lindgren urged both sides to
      return to talks and said the government would not intervene directly.

      The last national rail strike, in May 2023, lasted one day and cost the economy an estimated
      210 million crowns, according to the Chamber of Commerce.
      """),
    R("W2", outlet="harbor-gazette", slug="rail-strike-to-halt-northcoast-trains", when="2026-11-21 08:15",
      title="Rail strike to halt Northcoast trains Dec. 3-4",
      author="Nadia Ferro, Meridian Wire",
      intro="""Commuters who use Port Alder Central, the region's busiest station with about 38,000
      passengers a day, should plan for no trains at all on Dec. 3 and 4, the National Rail Company
      said Saturday. Port Alder Transit said it would add buses on its three busiest routes but could
      not replace the rail service.""",
      trim=1, subs=[("CASTELLAN (Meridian Wire) —", "CASTELLAN —")]),
    R("W2", outlet="ncpr", slug="rail-workers-vote-to-strike", when="2026-11-21 07:50",
      title="Rail workers set national strike for early December",
      author="Meridian Wire", trim=2, feeds=("top", "world"),
      subs=[("on Saturday called", "has called")]),
    R("W2", outlet="valley-courier", slug="rail-strike-called-for-december", when="2026-11-21 08:05",
      title="Rail strike called for December; valley line included",
      author="Meridian Wire",
      intro="""The Alder Valley line between Lindenfeld and Port Alder, which carries about 6,200
      passengers on a weekday, will be shut down along with the rest of the network, the rail company
      confirmed.""", trim=1),

    # ------------------------------------------------------------------ W3
    A(id="W3", group="W3", outlet="meridian-wire", slug="quake-strikes-off-tarsova",
      when="2026-11-22 04:50", section="World", tags=("earthquake", "Tarsova"),
      title="Magnitude 6.4 earthquake strikes off Tarsova Islands; tsunami warning lifted",
      author="Felipe Marangoni", image=("map", "The area around the epicentre, south-west of Port Serrat.", "Graphic: Meridian Wire"),
      body="""
      PORT SERRAT, Tarsova (Meridian Wire) — A magnitude 6.4 earthquake struck off the Tarsova
      Islands early on Sunday, shaking buildings across the archipelago and prompting a tsunami
      warning that was lifted about 90 minutes later. At least 14 people were injured and no deaths
      had been reported by mid-morning, officials said.

      The quake hit at 3:12 a.m. local time, about 38 kilometres south-west of the capital Port
      Serrat at a depth of 22 km, according to the Tarsova Geophysical Institute. Several
      aftershocks followed, the strongest of magnitude 5.1.

      Residents of low-lying districts spent the night on higher ground after sirens sounded along
      the coast. "The whole house was moving like a boat," said Marisol Quental, a nurse who lives
      near the harbour. "We took the children and walked up the hill in our pyjamas."

      Police said the injuries were mostly cuts and broken bones from falling glass and furniture.
      Part of a 19th-century church facade collapsed in the old town, and the island's main airport
      was closed for inspection until noon.

      Tarsova's interior minister, Afonso Leal, said emergency teams were checking bridges and the
      island's two fuel terminals. "Our building rules have done their job tonight," he said.

      The foreign ministry in Castellan said it had no reports of citizens among the injured. About
      2,300 citizens are registered as living in Tarsova, and the ministry advised travellers to
      follow local instructions and expect delays at the airport.
      """),
    R("W3", outlet="harbor-gazette", slug="earthquake-shakes-tarsova", when="2026-11-22 07:20",
      feeds=("top", "world"), title="Earthquake shakes Tarsova; no deaths reported",
      author="Felipe Marangoni, Meridian Wire", trim=1,
      subs=[("PORT SERRAT, Tarsova (Meridian Wire) —", "PORT SERRAT, Tarsova —")]),
    R("W3", outlet="ncpr", slug="tarsova-earthquake", when="2026-11-22 06:05",
      feeds=("top", "world"), title="Strong earthquake off Tarsova injures at least 14",
      author="Meridian Wire",
      intro="""Several Northcoast families with relatives in Tarsova told NCPR on Sunday morning that
      they had reached them by phone and that they were shaken but unhurt. Port Alder has one of the
      country's largest Tarsovan communities, about 4,000 people.""", trim=0),
    R("W3", outlet="valley-courier", slug="quake-hits-tarsova-islands", when="2026-11-22 06:30",
      title="Quake hits Tarsova Islands; tsunami alert called off", author="Meridian Wire", trim=2),

    # ------------------------------------------------------------------ W4
    A(id="W4", group="W4", outlet="meridian-wire", slug="lumen-probe-reaches-ortelia",
      when="2026-11-23 18:00", section="Science", tags=("space", "Lumen", "asteroids"),
      title="Lumen probe enters orbit around asteroid Ortelia after 3.6-year journey",
      author="Grete Solheim", image=("space", "An artist's impression of Lumen arriving at Ortelia.", "Illustration: National Space Agency"),
      body="""
      CASTELLAN (Meridian Wire) — The National Space Agency's Lumen probe entered orbit around the
      asteroid Ortelia on Monday, completing a journey of 1.9 billion kilometres that began with its
      launch in April 2023.

      Flight controllers at the agency's operations centre in Sanmere broke into applause at 16:42
      UTC when a signal confirmed that the probe's main engine had fired for the planned 11 minutes
      and 20 seconds. Because of the distance, the signal took 14 minutes to reach Earth.

      "Everything we have seen so far says we are exactly where we hoped to be," mission director
      Samuel Achterberg said. "For the first time, this country has a spacecraft in orbit around
      another world."

      Ortelia, formally known as asteroid 4471, is about 2.8 km across and shaped roughly like a
      peanut. Scientists believe it is a fragment of a larger body that broke apart early in the
      history of the solar system, and that its surface may hold unaltered minerals from that time.

      Over the next 14 months Lumen will lower its orbit in stages, from 40 km to as little as 3 km,
      mapping the surface with two cameras and measuring its gravity and composition. The mission
      will not bring samples back.

      The first close-up images are expected within a week. A blurry picture taken during the
      approach on Sunday already showed two large craters and a long ridge.

      Lumen cost 640 million crowns over 12 years, about a tenth of the agency's budget for the period.
      """),
    R("W4", outlet="circuit-and-cell", slug="lumen-in-orbit-at-ortelia", when="2026-11-23 10:20",
      title="It worked: Lumen is in orbit around Ortelia",
      author="Grete Solheim (Meridian Wire)",
      intro="""After a nervous 14-minute wait for the signal, the country's first deep-space mission
      has done the hard part. We'll have a longer look at Lumen's science plan once the first
      close-up images arrive; here is the agency's news as reported by Meridian Wire.""",
      trim=0, subs=[("CASTELLAN (Meridian Wire) —", "CASTELLAN —")]),
    R("W4", outlet="ncpr", slug="lumen-probe-orbit", when="2026-11-23 13:35",
      title="Space probe Lumen reaches asteroid", author="Meridian Wire", trim=2),
    R("W4", outlet="valley-courier", slug="lumen-probe-reaches-asteroid", when="2026-11-23 13:00",
      title="National probe reaches distant asteroid", author="Meridian Wire", trim=1,
      intro="""The probe's star tracker cameras were built by Tessaract Optics, a company with 40
      employees in Lindenfeld's business park, which described Monday as "the proudest day in our
      history"."""),

    # ------------------------------------------------------------------ W5
    A(id="W5", group="W5", outlet="meridian-wire", slug="brandt-resigns-national-coach",
      when="2026-11-20 16:40", section="Sport", tags=("football", "national team"),
      title="Brandt resigns as national coach after playoff defeat",
      author="Pavel Rusnak", image=("portrait", "Ilse Brandt at a news conference in Castellan on Friday.", "Photo: Joran Vleck / Meridian Wire"),
      body="""
      CASTELLAN (Meridian Wire) — Ilse Brandt resigned as coach of the national football team on
      Friday, three days after a 2-0 playoff defeat to Velmark ended the country's hopes of
      qualifying for next summer's Continental Championship.

      Brandt, 51, took charge in October 2022 and became the first woman to coach a men's national
      team in the region. Her side won 29 of her 52 matches and reached the quarter-finals of the
      2024 championship, its best result in two decades.

      "I said before the playoff that I would take responsibility if we failed, and I keep my word,"
      Brandt told a news conference at the federation's headquarters. "The players gave me
      everything. The next coach will find a young team that is better than its results this
      autumn."

      Football Federation president Otto Rask said the board had asked Brandt to stay but accepted
      her decision. "She modernised how this team plays and how it prepares," Rask said. "Many of
      the players she brought in will be the core of the team for years."

      The under-21 coach, Mikael Sorensen, will take charge for two friendly matches in March while
      the federation looks for a permanent successor. Rask said he hoped to appoint one by the end of
      January.

      Brandt's team was criticised for its lack of goals in the qualifying campaign, scoring nine in
      ten matches. Against Velmark on Tuesday it had 61% of possession but only two shots on target.
      """),
    R("W5", outlet="touchline", slug="brandt-quits-national-team", when="2026-11-20 12:10",
      title="Brandt quits: national coach steps down after Velmark defeat",
      author="Pavel Rusnak / Meridian Wire",
      intro="""Ilse Brandt's resignation drew an immediate response in Port Alder: Mariners
      midfielder Jonah Mbeki, who won six caps under her, thanked her on social media within minutes
      of the announcement, calling her "the coach who gave me my chance".""",
      trim=0, subs=[("CASTELLAN (Meridian Wire) —", "CASTELLAN —")]),
    R("W5", outlet="harbor-gazette", slug="brandt-steps-down", when="2026-11-20 12:30",
      title="National coach Brandt steps down", author="Pavel Rusnak, Meridian Wire", trim=1),
    R("W5", outlet="ncpr", slug="national-football-coach-resigns", when="2026-11-20 13:05",
      title="National football coach resigns after missing championship", author="Meridian Wire",
      trim=2, feeds=("top", "world")),
]
