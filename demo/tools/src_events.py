"""Events covered independently by three or more outlets (groups E1..E7).

Each outlet writes its own story, with its own angle and quotes, but the facts
agree: times, places, names and numbers are the same across a group, as they
would be when several newsrooms cover one event. All of it is invented.
"""

from articles import A

GROUPS = {
    "E1": "Storm Odile hits the Northcoast (Nov. 20-21)",
    "E2": "Port Alder city council passes the 2027 budget (Nov. 23-24)",
    "E3": "Coastal Cup final: Port Alder Mariners 2, Lindenfeld Rovers 1 (Nov. 22)",
    "E4": "Halvorsen Pumps to close its Millbrook plant, 340 jobs (Nov. 23)",
    "E5": "Harbor Bridge reopens after 14 months of repairs (Nov. 22-23)",
    "E6": "Ashcombe-Millbrook by-election won by Maren Oduya (Nov. 19-20)",
    "E7": "Northcoast Water Authority data breach (Nov. 24)",
}

ITEMS = [
    # ------------------------------------------------------------------ E1 storm
    A(group="E1", outlet="meridian-wire", slug="storm-odile-batters-northcoast", when="2026-11-21 13:10",
      updated="2026-11-21 18:30",
      section="National", tags=("weather", "Storm Odile"),
      title="Storm Odile batters Northcoast, leaving 48,000 homes without power",
      author="Lena Aaltonen", image=("storm", "Waves break over the harbour wall at Greywater Point on Friday night.", "Photo: Kofi Brandauer / Meridian Wire"),
      body="""
      PORT ALDER (Meridian Wire) — Storm Odile swept across the Northcoast overnight with gusts of
      up to 131 km/h, cutting power to about 48,000 homes and businesses, breaching a sea wall and
      forcing the rescue of three fishermen whose boat lost engine power off Greywater Point.

      No deaths were reported. Two people were treated in hospital for minor injuries, according to
      Northcoast Emergency Management.

      The storm made landfall near Greywater Point shortly before 10 p.m. on Friday. The strongest
      gust, 131 km/h, was recorded at the Greywater Point lighthouse at 11:50 p.m. Port Alder airport
      measured 96 mm of rain in 24 hours, nearly its average for the whole of November.

      In Kestrel Bay, a seaside district of Port Alder, a 30-metre section of the sea wall gave way
      near midnight and water flooded Marine Parade. Twenty-two households were moved to a community
      hall.

      The fishing boat *Morning Tern*, with a crew of three, was reached by the Port Alder lifeboat at
      1:40 a.m. about 4 km off the point. "They did everything right. They stayed with the boat and
      kept their radio on," said coxswain Ada Brennan.

      The national weather service lifted its red warning at 6 a.m. Saturday. Ferries to Holm Island
      were cancelled for the day.
      """),
    A(group="E1", outlet="harbor-gazette", slug="odile-seawall-breached-kestrel-bay", when="2026-11-21 06:45",
      section="News", tags=("Storm Odile", "Kestrel Bay", "weather"),
      title="Odile's long night: sea wall breached in Kestrel Bay, three fishermen plucked from the sea",
      author="Marisa Quayle and Tom Eberhardt",
      image=("storm", "Sea water covers Marine Parade in Kestrel Bay early Saturday.", "Photo: Ben Adeyemi / The Harbor Gazette"),
      body="""
      PORT ALDER — The sea came over the wall in Kestrel Bay just before midnight, and by 1 a.m.
      Marine Parade was a river.

      Storm Odile, the strongest to hit the city in six years, battered Port Alder through Friday
      night with gusts that reached 131 km/h at Greywater Point, bringing down trees and power lines
      and leaving about 48,000 customers in the dark at the height of the storm.

      A 30-metre stretch of Kestrel Bay's 1930s sea wall collapsed near the foot of Gull Lane.
      Firefighters went door to door along the parade, and 22 households spent the night at the
      Kestrel Bay community hall.

      "I heard a sound like a lorry tipping its load, and then the water was at the front step," said
      Irene Matsuda, 74, who has lived on the parade since 1981. "I have never seen it come over. Not
      once."

      ## Rescue off Greywater Point

      Four kilometres out, the crew of the fishing boat *Morning Tern* had lost their engine. The Port Alder
      lifeboat reached them at 1:40 a.m. and towed the boat in; one crewman was treated for mild
      hypothermia.

      Mayor Dana Whitlock, who visited the community hall at 3 a.m., said city engineers would
      inspect the wall at first light. "We will find the money to fix it properly," she said.

      Route 9 remained closed between Kestrel Bay and Greywater Point early Saturday because of fallen
      trees.
      """),
    A(group="E1", outlet="ncpr", slug="thousands-still-without-power-after-odile", when="2026-11-21 17:20",
      updated="2026-11-21 21:05",
      section="Region", tags=("Storm Odile", "power outages"),
      title="Thousands still without power as Northcoast cleans up after Odile",
      author="Jun Okabe", image=("city", "Northcoast Power crews work on a line in Ashcombe on Saturday afternoon.", "Photo: Jun Okabe / NCPR"),
      body="""
      PORT ALDER — More than 11,000 homes and businesses across the Northcoast were still without
      electricity late Saturday, almost a day after Storm Odile brought down lines from Greywater Point
      to Ashcombe.

      At the peak of the storm, around 1 a.m., about 48,000 Northcoast Power customers had lost
      service. By 5 p.m. the number had fallen to 11,200, most of them in rural areas east of the city
      where fallen trees blocked access for repair crews.

      "These are the slow ones, the single lines down in the woods," company spokesperson Marcus
      Heyde said. "We have 140 crews out, including 30 borrowed from the valley, and we expect almost
      everyone back by Sunday night."

      Ruth Adebayo-Lind, director of Northcoast Emergency Management, asked residents to stay away
      from downed lines and to run generators only outdoors. Two people were treated in hospital
      overnight, both with minor injuries.

      In Kestrel Bay, city engineers spent the afternoon inspecting the sea wall, part of which
      collapsed during the night. Councillor Colm Ferriter, who represents the district, said the 22
      evacuated households would not be allowed home until at least Monday.

      Route 9 reopened at 3 p.m. Ferries to Holm Island are scheduled to resume Sunday morning.
      """),
    A(group="E1", outlet="kestrel-notes", slug="marine-parade-after-the-storm", when="2026-11-21 13:30",
      section="News", tags=("Storm Odile", "Marine Parade", "sea wall"),
      title='Marine Parade after the storm: "The sea came up the steps" & what we saw this morning',
      feed_title="<![CDATA[Marine Parade after the storm: \"The sea came up the steps\" & what we saw this morning]]>",
      author="Nell Garrow", image=("sea", "The gap in the sea wall at the foot of Gull Lane, Saturday morning.", "Photo: Nell Garrow"),
      body="""
      KESTREL BAY — We went down to the parade at first light with a flask of tea and a camera, and
      honestly, it is hard to describe. There is sand on the bus shelter roof. There is a rowing boat
      in the car park of the Anchor.

      The big news, if you haven't heard: about 30 metres of the sea wall at the bottom of Gull Lane
      went at around midnight. The water came straight up the lane and along the parade. Twenty-two
      households were taken to the community hall, where volunteers kept the urn going all night.

      "The sea came up the steps and then it came in the door," said Petra, who runs the launderette
      and asked us not to use her surname. Her machines, she thinks, are finished.

      Councillor Colm Ferriter was at the hall at 7 a.m. and told us the city's engineers were
      coming "today, not Monday". We will hold him to that.

      What you can do: the hall needs dry towels, phone chargers and people with vans. Northcoast
      Power says most of the bay should have electricity back by this evening. Please stay off the
      wall itself, whatever the view is like.

      We will post more photos tonight.
      """),

    # ------------------------------------------------------------------ E2 budget
    A(group="E2", outlet="harbor-gazette", slug="council-passes-budget-after-six-hours", when="2026-11-24 00:50",
      section="Port Alder", tags=("city council", "budget", "property tax"),
      title="Council passes 1.38 billion budget after six-hour meeting",
      author="Amara Lindqvist", image=("council", "Port Alder City Hall on Monday evening.", "Photo: Ben Adeyemi / The Harbor Gazette"),
      body="""
      PORT ALDER — City council approved a 1.38 billion crown operating budget for 2027 shortly after
      midnight on Tuesday, ending a six-hour meeting at which 57 residents spoke.

      The vote was 7-4. The budget raises property taxes by 3.9%, less than the 5.2% first proposed
      in October, which the city estimates will add about 112 crowns a year to the bill of a typical
      homeowner.

      It pays for 40 more bus drivers, restores Sunday opening at six library branches and gives the
      police department 212 million crowns, 2.1% more than this year.

      In a late change prompted by Storm Odile, council voted 10-1 to set aside 18 million crowns for
      emergency repairs to the Kestrel Bay sea wall, [part of which collapsed on Friday
      night](@odile-seawall-breached-kestrel-bay).

      "This is a budget that fixes what is broken and keeps the buses running," said Councillor
      Imogen Tate, who chairs the budget committee.

      Councillor Raymond Okafor, who led the opposition, said the tax increase should have been held
      to 2.5%. Councillor Lea Santangelo voted against because of the police increase. Councillors
      Dwight Harrow and Sunniva Berg also voted no.

      Mayor Dana Whitlock is expected to sign the budget this week.
      """),
    A(group="E2", outlet="ncpr", slug="what-the-budget-means-for-you", when="2026-11-24 07:05",
      section="Region", tags=("Port Alder", "budget"),
      title="Port Alder budget: what changes for residents next year",
      author="Sofia Marchbank", image=("council", "Residents wait to speak at Monday's council meeting.", "Photo: Sofia Marchbank / NCPR"),
      body="""
      PORT ALDER — Higher property taxes, more buses and libraries open on Sundays again: those are
      the main changes for residents in the 2027 budget that Port Alder city council passed 7-4 early
      Tuesday morning.

      The property tax increase of 3.9% will cost the owner of a typical home about 112 crowns more
      next year. The original proposal, a 5.2% rise, drew strong objections at public hearings this
      month.

      Port Alder Transit will hire 40 drivers, which the city says will bring back the 15-minute
      frequency on routes 4, 11 and 20 that was cut during the driver shortage last year.

      Six library branches, including Eastside and Kestrel Bay, will reopen on Sundays from March.

      The police budget rises 2.1% to 212 million crowns. "We heard a lot tonight from people who
      wanted that money spent elsewhere," said Councillor Lea Santangelo, one of four members who
      voted against the budget.

      Council also set aside 18 million crowns to rebuild the stretch of Kestrel Bay sea wall that
      [collapsed during Storm Odile](@thousands-still-without-power-after-odile). Councillor Colm Ferriter said work could start in January,
      weather permitting.

      The budget goes to Mayor Dana Whitlock for her signature.
      """),
    A(group="E2", outlet="alder-ledger", slug="port-alder-business-tax-rise-smaller", when="2026-11-24 14:20",
      section="Economy", tags=("Port Alder", "property tax", "budget"),
      title="Port Alder business rate rise smaller than feared as council trims budget",
      author="Renée Lindqvist", image=("chart", "Port Alder's commercial property tax rate, 2018-2027.", "Graphic: Alder Business Ledger"),
      body="""
      PORT ALDER — Businesses in Port Alder will pay 3.1% more in commercial property tax next year,
      after the city council passed a 1.38 billion crown budget early on Tuesday that trimmed planned
      increases for both homeowners and companies.

      The administration had proposed a 5.2% rise for households and 4.5% for commercial property in
      October. Council's final budget, approved 7-4 after a six-hour session, settled on 3.9% for
      residential property and 3.1% for commercial.

      "It is still an increase at a time when retail margins are under real pressure, but it is a
      better number than the one we started with," said Yusuf Ameri, president of the Port Alder
      Chamber of Commerce, which had lobbied for a freeze.

      The city expects the changes to bring in 41 million crowns of additional revenue. About a third
      will go to hiring 40 bus drivers, which the chamber supported as a way to ease staffing
      problems for employers in the port district.

      Councillor Raymond Okafor, who proposed capping the rise at 2.5%, said the city should have cut
      spending further. His amendment failed 4-7.

      The budget also includes an unplanned 18 million crowns for sea wall repairs in Kestrel Bay
      after Storm Odile, funded from the city's reserves rather than new taxes.
      """),
    A(group="E2", outlet="kestrel-notes", slug="council-finds-money-for-our-sea-wall", when="2026-11-24 12:15",
      section="Council", tags=("sea wall", "city council", "budget"),
      title="Council finds 18 million for our sea wall. Here's how it happened",
      author="Nell Garrow", image=("council", "Councillor Colm Ferriter speaks during Monday's budget debate.", "Photo: Dev Kaur"),
      body="""
      KESTREL BAY — If you went to bed before midnight on Monday, you missed the best bit of council
      TV all year. At 11:40 p.m., five hours into the budget debate, our councillor Colm Ferriter
      stood up with an amendment: 18 million crowns from the city's reserves to rebuild the sea wall
      that [Odile knocked down on Friday](@marine-parade-after-the-storm).

      It passed 10-1. The only no vote came from Councillor Dwight Harrow, who said he supported the
      repair but wanted an engineers' report first.

      "Twenty-two families slept in a hall this weekend," Ferriter told the chamber. "I am not going
      back to Gull Lane to tell them we're waiting for a report."

      The overall budget then passed 7-4 at about 12:20 a.m. For the bay, the other good news is
      that our library gets its Sunday hours back from March. The less good news is the 3.9% property
      tax rise, which the city says is about 112 crowns a year for a typical home.

      When will work start? Ferriter says January if the weather allows. The city has promised a
      public meeting at the community hall before then. We'll post the date as soon as we have it.

      Thanks to Dev, who stayed up with a laptop and sent us the vote tallies.
      """),

    # ------------------------------------------------------------------ E3 cup final
    A(group="E3", outlet="touchline", slug="mariners-win-coastal-cup-final", when="2026-11-22 16:20",
      section="Football", tags=("Coastal Cup", "Mariners", "Rovers"),
      title="Mbeki\u2019s late volley wins the Coastal Cup for the Mariners",
      feed_title="Mbeki&amp;rsquo;s late volley wins the Coastal Cup for the Mariners",
      author="Callum Reyes-Whitby", image=("stadium", "Jonah Mbeki celebrates his winning goal at Brightwater Stadium.", "Photo: Sanne Vörk / Touchline"),
      body="""
      PORT ALDER — Jonah Mbeki came off the bench to score a volley two minutes from time as the Port
      Alder Mariners came from behind to beat the Lindenfeld Rovers 2-1 in the Coastal Cup final at
      Brightwater Stadium on Sunday.

      It is the Mariners' first Coastal Cup since 2009, and it came in front of a sell-out crowd of
      31,420 on a pitch that groundstaff had worked through Friday night to drain after Storm Odile.

      Rovers took the lead in the 34th minute when Anders Kolb rose above two defenders to head in a
      corner from the left. For long spells they looked the sharper side, and Mariners striker Tomas
      Reyes was denied three times by Rovers goalkeeper Bram Ostrowski before the break.

      The equaliser came from the penalty spot in the 61st minute after Rovers defender Eli Strand
      handled a cross. Reyes sent Ostrowski the wrong way.

      Mbeki replaced the tiring Siosaia Funaki in the 70th minute. With the game heading to extra
      time, a Rovers clearance from a corner dropped to him at the edge of the area and he hit it
      first time into the bottom corner.

      "I have dreamed about a goal like that since I was seven," Mbeki said. Mariners coach Hanne
      Fjeldstad called it "a final the city will talk about for years".

      Ostrowski finished with seven saves.
      """),
    A(group="E3", outlet="harbor-gazette", slug="mariners-end-17-year-wait", when="2026-11-22 18:30",
      section="Sports", tags=("Mariners", "Coastal Cup"),
      title="Mariners end 17-year wait for Coastal Cup",
      author="Desmond Achebe", image=("crowd", "Mariners fans outside Brightwater Stadium after the final.", "Photo: Ben Adeyemi / The Harbor Gazette"),
      body="""
      PORT ALDER — For 17 years the Port Alder Mariners have been the nearly team of the Coastal
      League. On Sunday afternoon, in the 88th minute of the Coastal Cup final, that changed.

      Substitute Jonah Mbeki's volley gave the Mariners a 2-1 win over the Lindenfeld Rovers at
      Brightwater Stadium and the club's first major trophy since 2009.

      It looked for an hour as though the old story would repeat itself. Anders Kolb's header put
      Rovers ahead after 34 minutes, and the Mariners' attacks kept running into goalkeeper Bram
      Ostrowski. Then Rovers defender Eli Strand handled in the box and Tomás Reyes scored the penalty
      on 61 minutes.

      Coach Hanne Fjeldstad, in her second season, sent Mbeki on with 20 minutes left. "I told him to
      stay near the box and be hungry," she said.

      The 31,420 supporters had been in doubt until Saturday afternoon, when the league confirmed the
      final would go ahead after an inspection of the storm-soaked pitch.

      Outside the stadium, fans sang on Quay Street long after the final whistle. "My father took me
      in 2009. Today I brought my son," said Arvid Lunde, 38.

      The club said a victory parade would be held on Tuesday evening.
      """),
    A(group="E3", outlet="valley-courier", slug="rovers-heartbreak-in-cup-final", when="2026-11-23 05:45",
      section="Sports", tags=("Rovers", "Coastal Cup"),
      title="Heartbreak for Rovers as late goal decides Coastal Cup final",
      author="Jessa Plummer", image=("stadium", "Rovers goalkeeper Bram Ostrowski after the final whistle.", "Photo: Courier staff"),
      body="""
      PORT ALDER — For 87 minutes on Sunday the Lindenfeld Rovers were worth their place in the
      Coastal Cup final. Then a cleared corner fell to the wrong man.

      Jonah Mbeki's late volley gave the Port Alder Mariners a 2-1 win at Brightwater Stadium, ending
      the Rovers' first run to the final since 2015 in front of about 4,500 travelling fans.

      Anders Kolb, the Lindenfeld-born forward, had given Rovers the lead after 34 minutes with a
      powerful header, his 11th goal of the season. Goalkeeper Bram Ostrowski made seven saves and
      was named the Rovers' player of the match by the club.

      The turning point came in the 61st minute, when defender Eli Strand was penalised for handball
      and Tomás Reyes scored from the spot. "I didn't think it was a penalty. His arm was against his
      body," Rovers coach Gil Marchetti said afterwards. "But that's football. The boys gave
      everything."

      Four supporters' buses left Lindenfeld at 7 a.m. Sunday and returned shortly before midnight.
      Club chairman Vernon Hask said the team would hold an open training session at Riverside Park
      on Saturday to thank fans.

      Rovers return to league action at home to Ashcombe Athletic next Sunday.
      """),
    A(group="E3", outlet="ncpr", slug="mariners-win-cup-parade-tuesday", when="2026-11-22 17:40",
      section="Sports", tags=("Mariners", "Coastal Cup"),
      title="Mariners win Coastal Cup; victory parade set for Tuesday",
      author="Ravi Deshpande", image=("crowd", "Supporters celebrate on Quay Street on Sunday evening.", "Photo: Ravi Deshpande / NCPR"),
      body="""
      PORT ALDER — The Port Alder Mariners are Coastal Cup champions for the first time since 2009
      after beating the Lindenfeld Rovers 2-1 in Sunday's final at Brightwater Stadium.

      The Rovers led through an Anders Kolb header in the first half. Tomás Reyes equalised with a
      penalty in the 61st minute, and substitute Jonah Mbeki scored the winner in the 88th.

      The club and the city announced a victory parade for Tuesday at 5 p.m. The open-top bus will
      leave Brightwater Stadium, travel along Quay Street and finish at City Hall, where Mayor Dana
      Whitlock will greet the team. Port Alder Transit will divert routes 2 and 7 from 4 p.m.

      Police said the crowd of 31,420 was "good-humoured", with two arrests for minor offences after
      the match.

      The final went ahead despite heavy rain from Storm Odile on Friday and Saturday. Stadium staff
      used pumps and brushes to clear standing water from the pitch overnight, and league officials
      passed it fit at 2 p.m. Saturday.

      NCPR will carry live coverage of the parade on 89.7 FM.
      """),

    # ------------------------------------------------------------------ E4 factory
    A(group="E4", outlet="alder-ledger", slug="halvorsen-to-shut-millbrook-plant", when="2026-11-23 15:10",
      section="Companies", tags=("Halvorsen", "manufacturing", "jobs"),
      title="Halvorsen to shut Millbrook pump plant, taking 64m charge",
      author="José Ferrándiz", image=("factory", "Halvorsen Industrial Pumps' foundry in Millbrook.", "Photo: Ledger archive"),
      body="""
      MILLBROOK — Halvorsen Industrial Pumps will close its Millbrook plant by the end of September
      2027, cutting 340 jobs and moving production to its site in Tarrow and to a contract
      manufacturer, the company said on Monday.

      Halvorsen Group, which had revenue of 1.9 billion crowns in 2025, expects to book a
      restructuring charge of about 64 million crowns, most of it in the first half of next year.

      Chief executive Ingrid Halvorsen-Moe said demand for the large cast-iron pumps made in Millbrook
      had fallen about 30% since 2022, as water utilities delayed projects, while energy costs at the
      plant's foundry had risen 70% over the same period.

      "We looked at every alternative, including a smaller foundry, and none of them closed the gap,"
      she said on a call with analysts. The group expects annual savings of 22 million crowns from
      2028.

      Analysts had expected cost cuts but not a closure. "Millbrook was the group's oldest and least
      efficient plant, so the logic is clear, but it is a big social cost for a small town," said
      Hanna Breuer, an industrials analyst at Corvid Securities.

      The plant, opened in 1974, is Millbrook's largest private employer. Halvorsen shares rose 2.4%
      in Castellan trading.
      """),
    A(group="E4", outlet="valley-courier", slug="halvorsen-plant-closure-millbrook", when="2026-11-23 10:30",
      section="Local", tags=("Millbrook", "Halvorsen", "jobs"),
      title="Halvorsen plant to close, 340 Millbrook jobs lost",
      author="Owen Tarrant", image=("factory", "Workers leave the Halvorsen plant on Mill Street after Monday's announcement.", "Photo: Owen Tarrant / Valley Courier"),
      body="""
      MILLBROOK — The Halvorsen pump plant, where three generations of Millbrook families have worked
      since 1974, will close next year, the company told employees at a meeting on the factory floor
      on Monday morning.

      All 340 jobs at the plant on Mill Street will go by the end of September 2027. Production will
      move to Halvorsen's plant in Tarrow, in the south of the country, and to an outside supplier.

      "People just stood there. Nobody said anything for a long time," said a machinist with 19 years
      at the plant, who asked not to be named because he is still employed there.

      Wes Durand, president of United Machinists Local 218, which represents about 260 of the workers,
      said the union would ask the company to keep the plant open until a buyer could be found. "This
      foundry is not finished. It needs investment, not a padlock," he said.

      Millbrook Mayor Janet Pruitt said the town of 14,000 would lose its largest private employer
      and about 1.1 million crowns a year in local taxes. She has asked the regional development
      agency for an emergency meeting this week.

      The company said it would offer severance and retraining, and some transfers to Tarrow.
      """),
    A(group="E4", outlet="meridian-wire", slug="halvorsen-closing-millbrook-factory", when="2026-11-23 17:45",
      section="Business", tags=("manufacturing", "jobs"),
      title="Pump maker Halvorsen to close Millbrook factory, cutting 340 jobs",
      author="Tobias Wren", image=("factory", "The Halvorsen Industrial Pumps plant in Millbrook.", "Photo: Ines Korda / Meridian Wire"),
      body="""
      MILLBROOK (Meridian Wire) — Halvorsen Industrial Pumps said on Monday it would close its
      factory in Millbrook, in the Alder Valley, by September 2027, the latest in a series of
      closures in the country's heavy engineering sector.

      The closure will cost 340 jobs. The company blamed a 30% drop in demand for large industrial
      pumps since 2022 and a 70% rise in energy costs at the plant's foundry.

      Industry Minister Samir Haddad said the government was "in contact with the company and with
      the region" and pointed to a 150 million crown fund for areas hit by industrial closures,
      created last year.

      Maren Oduya, elected on Thursday to the Northcoast Regional Assembly for the district that
      includes Millbrook, said she would press the company to look for a buyer. "I was elected four
      days ago on a promise to protect jobs in this valley. This is the first test," she said.

      It is the third plant closure announced by engineering companies this year, after the Sorla
      bearings factory in Ravensgate in March and the Kettner gearbox works in Tarrow in July, which
      together employed about 900 people.
      """),
    A(group="E4", outlet="ncpr", slug="millbrook-workers-react-to-closure", when="2026-11-23 17:50",
      section="Region", tags=("Millbrook", "Halvorsen", "jobs"),
      title="'We built this town': Millbrook workers react to Halvorsen closure",
      author="Sofia Marchbank", image=("portrait", "Foundry worker Delia Ruiz at the plant gate on Monday.", "Photo: Sofia Marchbank / NCPR"),
      body="""
      MILLBROOK — At the 3 p.m. shift change outside the Halvorsen plant on Monday, the talk was not of
      pumps or energy prices but of mortgages, children and the town itself.

      "We built this town. My grandfather poured iron here when it opened," said Delia Ruiz, 44, who
      has worked in the foundry for 21 years. "I don't know what Millbrook is without it."

      > "We built this town. I don't know what Millbrook is without it."

      The company announced on Monday morning that the plant would close by the end of September
      2027, with the loss of all 340 jobs. Production will move to Halvorsen's site in Tarrow and to
      an outside manufacturer.

      Union leader Wes Durand of United Machinists Local 218 said members would meet on Thursday to
      discuss their response. He did not rule out industrial action but said the priority was "to
      find someone who wants to run this foundry".

      Mayor Janet Pruitt said local shops and suppliers would feel the loss quickly. The diner across
      the road, Mabel's, serves about 120 Halvorsen workers a day. "That's my whole lunch trade,"
      said owner Mabel Ostrander.

      Halvorsen said it would offer severance based on length of service, retraining with the
      regional college and a limited number of transfers.
      """),

    # ------------------------------------------------------------------ E5 bridge
    A(group="E5", outlet="kestrel-notes", slug="we-walked-the-new-harbor-bridge", when="2026-11-22 15:10",
      section="News", tags=("Harbor Bridge", "cycling"),
      title="We walked the new Harbor Bridge (and yes, the bike lanes are real)",
      author="Dev Kaur", image=("bridge", "Walkers on the Harbor Bridge during Sunday's open day.", "Photo: Dev Kaur"),
      body="""
      PORT ALDER — After 14 months of detours, the Harbor Bridge was ours for three hours on Sunday
      morning, and it felt like half the city turned up. The city says about 4,000 people walked it
      between 10 a.m. and 1 p.m.; from where we stood it looked like more.

      First impressions: it is smooth. The old deck, with its famous rattling expansion joints, is
      gone. There are now two protected bike lanes, one in each direction, separated from traffic by
      a low concrete kerb, and the sidewalks are about a metre wider than before.

      "I've cycled to work over the river for 20 years and this is the first time I'm not scared of
      it," said Joanne, who was there with her cargo bike and two small passengers.

      Not everyone was impressed. The repairs cost 96 million crowns against a budget of 81 million,
      and the reopening is three months late because of delays in steel deliveries.

      Cars go back on at 5 a.m. Monday. Heavy trucks over 30 tonnes are still banned until Dec. 15
      while engineers finish load tests. Speed limit is 50 km/h.

      Our photos from the walk are below. Tell us in the comments if you spotted yourself.
      """),
    A(group="E5", outlet="harbor-gazette", slug="harbor-bridge-reopens-to-traffic", when="2026-11-23 06:10",
      section="Port Alder", tags=("Harbor Bridge", "transport"),
      title="Harbor Bridge reopens to traffic after 14 months",
      author="Tom Eberhardt", image=("bridge", "The first cars cross the rebuilt Harbor Bridge at 5 a.m. Monday.", "Photo: Ben Adeyemi / The Harbor Gazette"),
      body="""
      PORT ALDER — The first car crossed the Harbor Bridge at 5:01 a.m. on Monday, a blue hatchback
      driven by a baker on his way to work, as the city's main river crossing reopened after 14
      months and 96 million crowns of repairs.

      The bridge, built in 1961, closed in September last year for a rehabilitation that replaced its
      deck, added earthquake-resistant bearings and created protected bike lanes in both directions.
      It was due to reopen in August but was delayed by late steel deliveries.

      Before the closure the bridge carried about 52,000 vehicles a day. Detours through the Millrace
      tunnel added up to 25 minutes to some commutes.

      "It is a better bridge than the one we closed, and it will be good for another 50 years," said
      Felix Amundsen, the city's director of transportation. He acknowledged the project had run 15
      million crowns over budget, mostly because of steel prices.

      The contractor, Corran & Pike Construction, still has to finish painting work under the deck,
      which will require overnight lane closures in the spring.

      Trucks heavier than 30 tonnes remain banned until Dec. 15 while engineers complete load
      testing. About 4,000 residents walked the bridge during an open day on Sunday.
      """),
    A(group="E5", outlet="ncpr", slug="commuters-return-to-harbor-bridge", when="2026-11-23 09:30",
      section="Region", tags=("Harbor Bridge", "commuting"),
      title="Commuters return to the Harbor Bridge, and detour traffic eases",
      author="Jun Okabe", image=("bridge", "Morning traffic on the reopened Harbor Bridge.", "Photo: Jun Okabe / NCPR"),
      body="""
      PORT ALDER — About 11,400 vehicles crossed the Harbor Bridge in the first four hours after it
      reopened at 5 a.m. Monday, according to city traffic counters, and the queues that have built up
      at the Millrace tunnel every morning since September 2025 were gone.

      "Twenty-two minutes door to door. Last week it was 45," said Lorna Beattie, a nurse who drives
      from the east bank to Port Alder General Hospital. "I may cry."

      The city closed the 1961 bridge for a 96 million crown rehabilitation that took 14 months, three
      more than planned. It now has protected bike lanes, and city counters logged 640 cyclists by 9
      a.m.

      Port Alder Transit moved routes 3 and 14 back onto the bridge, which the agency said would save
      riders about ten minutes each way.

      Transportation director Felix Amundsen asked drivers to keep to the new 50 km/h limit and
      reminded truck operators that vehicles over 30 tonnes are banned until Dec. 15.

      The bridge reopening was celebrated on Sunday with an open day, when about 4,000 people walked
      across.
      """),

    # ------------------------------------------------------------------ E6 by-election
    A(group="E6", outlet="valley-courier", slug="oduya-wins-ashcombe-millbrook", when="2026-11-20 01:55",
      section="Politics", tags=("by-election", "Regional Assembly"),
      title="Oduya takes Ashcombe-Millbrook, ending 22 years of Civic Union rule",
      author="Owen Tarrant", image=("portrait", "Maren Oduya speaks to supporters at the Ashcombe count.", "Photo: Owen Tarrant / Valley Courier"),
      body="""
      ASHCOMBE — Maren Oduya of the Northern Labour Party won the Ashcombe-Millbrook by-election for
      the Northcoast Regional Assembly early Friday, taking a seat the Civic Union had held since
      2004.

      Oduya, 39, a former nurse and Millbrook town councillor, received 11,873 votes, or 41.2%.
      Civic Union candidate Douglas Fenwick, a farmer and former Ashcombe mayor, had 10,604, or
      36.8%.

      Ada Kowalczyk of the Green List won 4,178 votes and independent Ron Tully 2,162. Turnout was
      38.6%.

      The by-election was called after the death in August of Harold Brisk, who had represented the
      district for 22 years.

      "People in these towns have been told to wait their turn for a long time," Oduya told
      supporters at the count in the Ashcombe sports hall at about 1:30 a.m. "Tonight they stopped
      waiting."

      Fenwick congratulated her and said the Civic Union had been hurt by "national issues beyond our
      control". The result leaves the governing coalition with 31 of the assembly's 60 seats, a
      majority of one.

      Oduya will be sworn in on Dec. 1.
      """),
    A(group="E6", outlet="ncpr", slug="labour-gains-ashcombe-millbrook", when="2026-11-20 06:30",
      section="Politics", tags=("by-election", "Regional Assembly"),
      title="Labour gains Ashcombe-Millbrook; coalition majority cut to one",
      author="Ravi Deshpande", image=("crowd", "Vote counting at the Ashcombe sports hall on Thursday night.", "Photo: Ravi Deshpande / NCPR"),
      body="""
      ASHCOMBE — The Northern Labour Party has won the Ashcombe-Millbrook seat in the Northcoast
      Regional Assembly, leaving the governing coalition with a majority of one.

      Maren Oduya, a former nurse, won Thursday's by-election with 41.2% of the vote, ahead of the
      Civic Union's Douglas Fenwick on 36.8%. The margin was 1,269 votes. Turnout was 38.6%, low but
      higher than in most recent by-elections in the region.

      Political scientist Ilse Marquardt of the University of Lindenfeld said the result reflected
      anger about the cost of living and about hospital waiting times in the valley. "This is a rural
      seat that has voted Civic Union for two decades. A swing like this should worry the coalition,"
      she said.

      Regional premier Thomas Egede said the coalition would "listen to the message" but had no plans
      to change course. His government now holds 31 of the assembly's 60 seats.

      The seat became vacant with the death of Harold Brisk in August. Oduya said her first priority
      would be the future of the maternity unit at Ashcombe Community Hospital, which the health
      authority has proposed merging with Lindenfeld.
      """),
    A(group="E6", outlet="harbor-gazette", slug="by-election-upset-narrows-majority", when="2026-11-20 08:50",
      section="Region", tags=("by-election", "Regional Assembly"),
      title="By-election upset narrows coalition's majority",
      author="Amara Lindqvist", image=("council", "The Northcoast Regional Assembly building in Port Alder.", "Photo: Gazette archive"),
      body="""
      PORT ALDER — The Northcoast's governing coalition will go into next year's budget talks with a
      majority of a single seat after losing the Ashcombe-Millbrook by-election to the Northern Labour
      Party on Thursday.

      Maren Oduya won 11,873 votes to 10,604 for Douglas Fenwick of the Civic Union, which had held
      the seat since 2004. The Green List's Ada Kowalczyk finished third with 4,178.

      At the Regional Assembly building in Port Alder on Friday morning, coalition members played
      down the result. "By-elections are where voters send messages. We have received it," said
      Civic Union whip Margit Sandoval.

      But with 31 of 60 seats, the coalition can now lose a vote if a single member rebels or falls
      ill. The assembly must pass the region's 2027 budget by the end of February.

      Labour leader Tobias Henrikson called the result "the beginning of the end" for Premier Thomas
      Egede's government.

      Turnout was 38.6%. Oduya, a former nurse and Millbrook councillor, will take her seat on Dec. 1.
      """),

    # ------------------------------------------------------------------ E7 breach
    A(group="E7", outlet="circuit-and-cell", slug="northcoast-water-breach-file-transfer", when="2026-11-24 09:15",
      section="Security", tags=("data breach", "ransomware", "Northcoast Water"),
      title="Northcoast Water breach: attackers got in through a file-transfer server",
      author="Kasia Lemm", image=("tech", "Northcoast Water says its treatment systems run on a separate network.", "Illustration: Circuit & Cell"),
      body="""
      SANMERE — The attackers who stole the personal data of about 212,000 Northcoast Water Authority
      customers got in through an internet-facing file-transfer server that had not been patched
      against a vulnerability published in September, the utility confirmed on Tuesday.

      The server was used to exchange meter-reading files with a contractor. From there, the
      intruders reached the billing system and copied names, postal and email addresses, phone
      numbers and, for about 41,000 customers who pay by direct debit, bank account details.

      The authority says it detected unusual outbound traffic on Nov. 17 and shut the server down the
      same day. A ransomware group calling itself Silt has since listed the utility on its leak site
      and posted screenshots of what appear to be customer records.

      Crucially, the authority says treatment plants and pumping stations were not affected because
      they run on a separate operational network. That is the right design, and it appears to have
      worked.

      But the entry point is depressingly familiar. File-transfer appliances have been behind several
      of the largest breaches of the past five years, and the fix for this one was available for
      nine weeks.

      Chief executive Simone Albrecht said the authority would not pay a ransom and is offering
      affected customers a year of free credit monitoring.
      """),
    A(group="E7", outlet="alder-ledger", slug="water-authority-breach-costs", when="2026-11-24 16:45",
      section="Companies", tags=("cybersecurity", "utilities", "Northcoast Water"),
      title="Northcoast Water faces bill for breach as insurers and regulator circle",
      author="Søren Mühlberg", image=("water", "Northcoast Water serves about 640,000 people.", "Graphic: Alder Business Ledger"),
      body="""
      PORT ALDER — The Northcoast Water Authority faces costs that could run into tens of millions of
      crowns after disclosing on Tuesday that hackers had stolen the data of about 212,000 customer
      accounts, including bank details for 41,000 direct-debit customers.

      The authority said it had a cyber insurance policy with cover of 25 million crowns. Offering a
      year of credit monitoring to every affected customer, as it has promised, would cost about 4
      million crowns at typical industry prices, according to estimates from broker Halden & Price.

      The national data protection commission said it had been notified within the 72-hour deadline
      and had opened an inquiry. It can fine public bodies up to 2% of annual turnover; the authority
      reported revenue of 388 million crowns last year.

      Chief executive Simone Albrecht said the authority would not pay the ransom demanded by the
      group behind the attack, which has not disclosed the amount.

      The authority has 610 million crowns of bonds outstanding. Rating agency Castor Ratings said
      the breach did not immediately affect its A+ rating but that it would watch for "material
      legal liabilities".

      Water treatment and supply were not affected, the authority said.
      """),
    A(group="E7", outlet="harbor-gazette", slug="water-customers-data-stolen-what-to-do", when="2026-11-24 12:30",
      section="News", tags=("Northcoast Water", "data breach", "consumer"),
      title="Water customers' data stolen in cyberattack: what you need to do",
      author="Marisa Quayle", image=("water", "The Northcoast Water Authority has set up a helpline for affected customers.", "Illustration: The Harbor Gazette"),
      body="""
      PORT ALDER — If you pay a water bill in Port Alder or the surrounding towns, there is a good
      chance your details were taken in a cyberattack on the Northcoast Water Authority, the utility
      said on Tuesday.

      About 212,000 customer accounts were affected. The stolen data includes names, addresses, phone
      numbers and email addresses. For about 41,000 customers who pay by direct debit, bank account
      details were also taken.

      ## What customers should do

      The authority says tap water is safe and supply is not affected.

      Affected customers will receive a letter by Dec. 4 with a code for a year of free credit
      monitoring. The authority has set up a helpline, open 8 a.m. to 8 p.m. daily.

      Consumer groups advise customers to watch their bank statements, to be wary of calls or emails
      claiming to be from the water authority, and never to give out passwords or one-time codes.
      "Criminals love a real data breach, because it makes their fake messages more convincing," said
      Patrice Onwuachi of the Northcoast Consumer Council.

      The breach was detected on Nov. 17. Chief executive Simone Albrecht apologised to customers and
      said the authority would not pay a ransom.
      """),
]
