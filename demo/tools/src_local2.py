"""Stand-alone stories, part two: the Ledger, Circuit & Cell, Touchline, Kestrel Bay Notes.

Written for herald; every person, place, company and figure is invented.
"""

from articles import A

ITEMS = [
    # ------------------------------------------------------------------ Alder Business Ledger
    A(outlet="alder-ledger", slug="port-alder-container-volumes-rise", when="2026-11-23 11:30",
      section="Economy", tags=("shipping", "Port Alder"),
      title="Port Alder container volumes up 7% as new berth lifts capacity",
      author="Zoë Ashworth", image=("ship", "A container ship at the new Berth 9 in Port Alder.", "Photo: Port of Port Alder"),
      body="""
      PORT ALDER — Container traffic through the Port of Port Alder rose 7% in October from a year
      earlier, to 71,400 twenty-foot equivalent units, as a new deep-water berth allowed larger ships to
      call and two shipping lines added the port to their routes.

      Berth 9, which opened in June after a 180 million crown expansion, can take ships of up to 16,000
      containers, almost twice the previous limit. Port chief executive Anneliese Korn said four of the
      ten largest ships ever to visit the port had arrived since August.

      "We are finally able to compete for the big vessels instead of waiting for what's left over,"
      Korn said. "That brings jobs on the quayside and in warehousing."

      Volumes for the first ten months of the year were up 4.8%, against growth of 1.9% across the
      country's ports. Exports of frozen fish and timber were particularly strong.

      The port expects to handle about 830,000 units in 2026, a record. It has applied for permission
      to dredge the approach channel by another metre, which would cost around 45 million crowns.

      Storm Odile forced the port to suspend operations for 14 hours on Friday and Saturday, but
      officials said no cargo was damaged.
      """),
    A(outlet="alder-ledger", slug="kelpie-pay-by-bank-funding", when="2026-11-21 09:00",
      section="Tech", tags=("fintech", "payments", "venture capital"),
      title='Kelpie\'s "pay-by-bank" push & the card networks that fear it',
      author="Björn Castell", image=("tech", "Kelpie's payment terminal app in use at a Port Alder café.", "Photo: Kelpie"),
      body="""
      PORT ALDER — Kelpie, a Port Alder payments start-up that lets shops take money directly from
      customers' bank accounts without a card, has raised 42 million crowns from investors led by
      Castellan-based Northlight Ventures.

      The three-year-old company says about 3,800 merchants now use its app, which shows a QR code at
      the till. The customer scans it with their banking app and approves the payment, and the money
      arrives in the shop's account within seconds.

      Kelpie charges 0.5% per transaction, compared with the 1.5% to 2.5% that small shops typically
      pay to accept cards. "For a café, that difference is often the whole profit on a cup of coffee,"
      said co-founder and chief executive Mariam Eskander.

      The big question is whether shoppers will change their habits. Kelpie processed 31 million
      crowns of payments in October, a fraction of the country's card spending.

      Card networks argue that instant bank payments lack the protection customers get when goods
      do not arrive. Kelpie says it will launch a refund guarantee funded from the new round.

      The company plans to double its staff to 90 and to launch in Velmark next year.
      """),
    A(outlet="alder-ledger", slug="harborview-mall-sold", when="2026-11-23 08:15",
      section="Property", tags=("property", "retail", "deals"),
      title="Harborview mall sold to Stellan REIT for 210m",
      author="Renée Lindqvist", image=("city", "The Harborview shopping centre on Quay Street.", "Photo: Ledger archive"),
      body="""
      PORT ALDER — Stellan Property Trust has agreed to buy the Harborview shopping centre in Port
      Alder for 210 million crowns, about 30% less than the previous owner paid for it in 2017, in one
      of the largest retail property deals in the region this year.

      The seller, a fund managed by Aldgate Capital, put the 42,000 square metre centre on the market
      in the spring after its two largest tenants, a department store and a cinema, left within six
      months of each other.

      Stellan chief executive Robin Falkenrath said the trust planned to turn part of the empty
      department store space into a medical centre and to add about 120 apartments above the car
      park, subject to planning permission.

      "The days when a mall could live on fashion shops alone are over. The centres that survive will
      be places you go for the doctor, the gym and the groceries," he said.

      The price values the centre at a yield of about 8.1%. Property agents said it reflected both
      the vacancies and higher borrowing costs.

      The deal is expected to close in January.
      """),
    A(outlet="alder-ledger", slug="retail-sales-dip-before-holidays", when="2026-11-20 14:00",
      section="Economy", tags=("retail", "consumer spending"),
      title="Retail sales dip 0.6% as shoppers hold off before holidays",
      author="Zoë Ashworth", image=("chart", "Monthly change in retail sales volumes.", "Graphic: Alder Business Ledger"),
      body="""
      CASTELLAN — Retail sales fell 0.6% in October from September, a larger drop than expected, as
      shoppers cut back on clothing and household goods ahead of the holiday season, the national
      statistics office said on Friday.

      Economists surveyed by the Ledger had forecast a fall of 0.2%. Compared with October last year,
      sales volumes were 0.4% lower.

      Spending at clothing stores dropped 2.1% and at furniture and electrical shops 1.7%. Food sales
      were flat. Online sales rose 1.2% and now account for 19% of all retail spending.

      "Consumers are waiting for the discounts. They have learned that the best prices come in late
      November, so October looks weaker every year," said Lukas Pedersen, retail analyst at Halden &
      Price.

      Retailers are more worried about what comes next. A survey by the Retail Federation found that
      41% of members expected holiday sales to be lower than last year, the most pessimistic reading
      since 2020.

      The figures add to signs that higher interest rates are weighing on household spending.
      """),
    A(outlet="alder-ledger", slug="greywater-wind-farm-approved", when="2026-11-24 10:05",
      section="Companies", tags=("energy", "wind"),
      title="Greywater offshore wind farm wins approval after four-year review",
      author="José Ferrándiz", image=("sea", "The planned site lies 22 km off Greywater Point.", "Illustration: Brightline Energy"),
      body="""
      PORT ALDER — Brightline Energy has won government approval for a 900-megawatt offshore wind farm
      22 kilometres off Greywater Point, clearing the way for the largest energy project in the
      Northcoast's history.

      The 2.6 billion crown project will have about 60 turbines and, Brightline says, produce enough
      electricity for 750,000 homes. Construction is due to start in 2028, with power flowing from
      2031.

      The approval, announced on Tuesday, follows a four-year review. Fishing groups had objected
      that the turbines would close part of a prawn ground, and Brightline agreed to pay 9 million
      crowns into a fund for affected crews.

      "This is a green light for about 1,200 construction jobs and 150 permanent ones in Port Alder,"
      said Brightline chief executive Oona Castellanos. The company plans to assemble turbine blades
      at the port's new Berth 9.

      Brightline still needs to secure a contract to sell the power. The government's next auction
      for renewable electricity is scheduled for March.

      Shares in Brightline rose 6.2% on the Castellan exchange.
      """),
    A(outlet="alder-ledger", slug="mortgage-arrears-rise-building-society", when="2026-11-24 21:10",
      section="Property", tags=("mortgages", "banking"),
      title="Mortgage arrears edge up at Northcoast Building Society",
      author="Søren Mühlberg", image=("chart", "Share of mortgages more than three months in arrears.", "Graphic: Alder Business Ledger"),
      body="""
      PORT ALDER — The share of borrowers at least three months behind on their mortgage payments at
      Northcoast Building Society rose to 1.4% at the end of September, from 1.1% a year earlier, the
      lender said in results published hours after the central bank [raised interest
      rates](@nrb-hikes-to-4-25).

      The society, the region's largest mortgage lender with 118,000 home loans, said most of the
      increase came from borrowers on variable rates and from those who took out loans in 2021 and
      2022, when house prices peaked.

      "We are not seeing a wave of defaults, but we are seeing more people under strain, and
      Tuesday's rate decision will not help," chief executive Gordon Baptiste said.

      The society set aside 12 million crowns for possible loan losses in the first half of its
      financial year, up from 5 million a year earlier. Pre-tax profit fell 9% to 48 million crowns.

      Baptiste said the society would pass on the quarter-point rise to variable-rate borrowers from
      Jan. 1 but had asked staff to contact customers who might struggle before the change.

      Repossessions remain rare. The society took back 31 homes in the six months to September.
      """),

    # ------------------------------------------------------------------ Circuit & Cell
    A(outlet="circuit-and-cell", slug="lindenfeld-sodium-battery", when="2026-11-20 08:40",
      section="Energy", tags=("batteries", "sodium-ion", "research"),
      title="A cheaper battery from the Lindenfeld lab that gave up on lithium",
      author="Tomasz Wierzba", image=("tech", "Test cells in the University of Lindenfeld's battery lab.", "Photo: University of Lindenfeld"),
      body="""
      SANMERE — Researchers at the University of Lindenfeld say they have built a sodium-ion battery
      cell that stores 168 watt-hours per kilogram and keeps 90% of its capacity after 3,000 charge
      cycles, figures that would make it competitive with the cheaper lithium batteries used in
      home storage and small cars.

      The work, published this week in a peer-reviewed energy journal, uses a cathode made from iron,
      manganese and a small amount of copper, all of which are abundant and cheap. Sodium itself can
      be extracted from seawater.

      "Five years ago we decided to stop chasing lithium's energy density and chase its price
      instead," said lead author Professor Linnea Akhtar. "Most batteries in the world don't need to
      be light. They need to be cheap and safe."

      The team estimates the cells could be made for about 30% less than lithium iron phosphate cells
      at scale. That is a big if: the results come from hand-built pouch cells, not a factory line.

      Independent battery researcher Elias Montford, who was not involved, called the cycle life
      "genuinely impressive" but said the cells' performance below freezing still needed work.

      The university has licensed the cathode to a spin-off company, Saltcell, which hopes to build a
      pilot line in 2028.
      """),
    A(outlet="circuit-and-cell", slug="review-tessel-4-e-reader", when="2026-11-21 10:00",
      section="Reviews", tags=("e-readers", "review", "gadgets"),
      title="Tessel 4 review: the e-reader that finally gets page turns right",
      author="Hana Okonkwo", image=("books", "The Tessel 4 comes with a 7-inch screen and physical page buttons.", "Photo: Hana Okonkwo / Circuit & Cell"),
      body="""
      SANMERE — I have read four novels on the Tessel 4 over the past three weeks, mostly on buses
      and once in the bath, and it is the first e-reader I have used that I never wanted to throw
      across the room.

      The reason is the page turn. Tessel has put two physical buttons on the right edge and,
      crucially, made the screen refresh in about 120 milliseconds, roughly twice as fast as its
      predecessor. Turning a page now feels like turning a page.

      The 7-inch screen has 300 pixels per inch and a warm front light that goes genuinely dim for
      reading in bed. The case is waterproof to 2 metres. Battery life is excellent: I charged it
      once, on day 12.

      ## The catch

      There are trade-offs. At 499 crowns, the Tessel 4 costs about 150 crowns more than the
      cheapest competitors. The store is smaller than the big ones, although it reads standard
      unprotected e-book files and library loans without fuss.

      The software is plain to the point of dull, and the note-taking feature is clumsy.

      If you read a lot and hate fiddly screens, it is the one to get. If you read a book a month,
      save your money.
      """),
    A(outlet="circuit-and-cell", slug="northcoast-fibre-rollout-60-percent", when="2026-11-22 09:30",
      section="Science", tags=("broadband", "fibre", "infrastructure"),
      title="Northcoast fibre rollout passes 60% of homes, but the last third is the hard part",
      author="Tomasz Wierzba", image=("road", "A fibre crew lays ducts along a rural road near Ashcombe.", "Photo: Coastline Fibre"),
      body="""
      SANMERE — Coastline Fibre says its network now reaches 61% of homes on the Northcoast, up from
      38% two years ago, putting the region ahead of the national average for the first time.

      The company, which is building the network with a 210 million crown subsidy from the regional
      government, connected 48,000 homes this year. Most were in Port Alder, Lindenfeld and the
      larger towns, where one street cabinet can serve hundreds of households.

      That is the easy part. The remaining 39% includes farms, islands and hamlets where each
      connection can cost 4,000 crowns or more, against about 600 in the city. On Holm Island the
      company is laying cable alongside a new electricity line to share the cost of digging.

      "Every kilometre of trench gets more expensive as you go further out," said network director
      Rasmus Ekberg. "We will get there, but the curve bends."

      Only 44% of homes that can get fibre have actually signed up. Many say their existing
      connection is good enough, according to a survey by the regional government.

      Coastline's target is 90% coverage by the end of 2029.
      """),
    A(outlet="circuit-and-cell", slug="why-lumen-uses-an-old-processor", when="2026-11-24 07:30",
      section="Space", tags=("space", "Lumen", "computing"),
      title="Why Lumen flies on a processor design older than most of its engineers",
      author="Hana Okonkwo", image=("space", "Lumen's flight computer was tested for radiation in 2021.", "Illustration: National Space Agency"),
      body="""
      SANMERE — The spacecraft that [slipped into orbit around asteroid Ortelia](@lumen-in-orbit-at-ortelia) this week is run by a
      computer with a clock speed of 200 megahertz and 256 megabytes of memory. Your phone is hundreds
      of times faster. That is deliberate.

      Lumen's flight computer uses a radiation-hardened processor based on a design first flown in the
      early 2000s. Between Earth and the asteroid belt, high-energy particles can flip bits in memory
      or fry a transistor outright. Hardened chips are built with larger features and extra circuitry
      that make them slower, but far harder to upset.

      "Speed is nice. Surviving is mandatory," said Amara Quist, the mission's lead flight software
      engineer. "The most important property of this computer is that it has a very long, very
      boring record."

      The team did carry something newer. A commercial processor, shielded and switched off most of
      the time, will be used for image processing during the low orbits, when the probe must
      recognise surface features to navigate.

      If it fails, the mission carries on without it. That, Quist says, is the whole philosophy: new
      technology can ride along, but it does not get to fly the spacecraft.
      """),
    A(outlet="circuit-and-cell", slug="port-alder-opens-bus-data", when="2026-11-23 14:10",
      section="Science", tags=("open data", "transit"),
      title="Port Alder opens real-time bus data, and developers are already building on it",
      author="Kasia Lemm", image=("city", "Port Alder Transit now publishes bus positions every 15 seconds.", "Illustration: Circuit & Cell"),
      body="""
      SANMERE — Port Alder Transit began publishing the live positions of all 412 of its buses on
      Monday, in an open format that any app or website can use for free.

      The feed updates every 15 seconds and follows the standard that most large transit agencies
      use, so existing journey-planning apps should be able to pick it up with little work. The
      agency also publishes its timetables and planned detours in the same format.

      Within hours, a volunteer group called Open Alder had a map running that shows buses moving in
      real time and flags those running more than five minutes late.

      "Riders have been asking for this for a decade. We should have done it sooner," said agency
      data manager Tomás Ilunga, who said the delay had been caused by the age of the radio system on
      older buses, now replaced.

      There are limits. The feed does not yet include how full each bus is, a feature the agency
      says will come next year with new passenger counters.

      The data is published under an open licence that requires only attribution.
      """),
    A(outlet="circuit-and-cell", slug="orrin-delays-sanmere-chip-plant", when="2026-11-20 16:05",
      section="Gadgets", tags=("semiconductors", "manufacturing"),
      title="Orrin Semiconductor pushes back its Sanmere chip plant by a year",
      author="Tomasz Wierzba", image=("factory", "The Orrin site on the eastern edge of Sanmere.", "Photo: Orrin Semiconductor"),
      body="""
      SANMERE — Orrin Semiconductor said on Friday it would delay the opening of its planned chip
      factory in Sanmere by a year, to 2029, blaming weaker demand for the automotive and industrial
      chips it was designed to make.

      The 3.2 billion crown plant was announced in 2023 with a government grant of 700 million crowns
      and a promise of 1,100 jobs. Construction of the main building is about 70% complete, the
      company said, and will continue at a slower pace.

      "We are building this factory for the next 30 years, not the next 30 months," chief executive
      Wen Adeyinka said in a statement. "Adjusting the timing is the responsible thing to do."

      The delay follows similar decisions by chipmakers elsewhere as car sales have slowed and
      customers work through stockpiles built up during the shortages of 2021 and 2022.

      The grant agreement requires Orrin to reach full employment by 2031, and the industry ministry
      said the delay did not breach its terms. Local officials sounded less relaxed. "We have built
      roads and a school for this plant," Sanmere's deputy mayor Ingeborg Lund said.
      """),
    A(outlet="circuit-and-cell", slug="robot-finds-coral-reef-holm-island", when="2026-11-22 11:30",
      section="Science", tags=("oceans", "coral", "robots"),
      title="Deep-sea robot finds a cold-water coral reef off Holm Island",
      author="Kasia Lemm", image=("sea", "The survey ship Northern Light above the reef site.", "Photo: Northcoast Marine Institute"),
      body="""
      SANMERE — An underwater robot surveying the seabed west of Holm Island has found a cold-water
      coral reef about 1.8 kilometres long, the first known in the country's waters, the Northcoast
      Marine Institute said this week.

      The reef lies at depths of 180 to 240 metres and is made mostly of a stony coral that grows
      less than a centimetre a year, which suggests parts of it are several thousand years old.
      Video from the robot shows sponges, starfish and shoals of redfish among the coral.

      "We went looking for a pipeline route and found a forest," said survey leader Dr. Maeve
      Corrigan. "Nobody expected this here. The water is colder and shallower than where these reefs
      usually grow."

      Cold-water corals are easily destroyed by bottom trawling, and the institute has asked the
      fisheries ministry to close the area to trawlers while it is studied. Trawl marks were visible
      within 300 metres of the reef edge.

      The survey robot, which can work at depths of 3,000 metres, was bought last year with money
      from the offshore energy industry. The institute plans a second expedition in the spring.
      """),

    # ------------------------------------------------------------------ Touchline Northcoast
    A(outlet="touchline", slug="pelicans-win-fourth-straight", when="2026-11-21 23:10",
      section="Basketball", tags=("Pelicans", "basketball"),
      title="Ndiaye scores 31 as Pelicans win fourth straight",
      author="Marcus Oyelowo", image=("court", "Awa Ndiaye drives to the basket against the Stags.", "Photo: Sanne Vörk / Touchline"),
      body="""
      PORT ALDER — Awa Ndiaye scored 31 points and grabbed 11 rebounds as the Port Alder Pelicans beat
      the Castellan Stags 98-91 on Saturday night for their fourth win in a row.

      The game was played in front of 3,900 fans at the Quayside Arena, which had lost power for
      part of the morning after Storm Odile but was ready in time for tip-off.

      The Stags led by nine points early in the third quarter before the Pelicans went on a 14-2 run,
      with Ndiaye scoring eight of those points. Point guard Liam Castellano added 18 points and 9
      assists.

      "We were flat in the first half. Then we decided to play defence," Pelicans coach Bea Hartigan
      said. "Awa was Awa. She does this every week and we've stopped being surprised."

      Stags guard Jerome Villalobos led all scorers in the first half but was held to six points after
      the break.

      The Pelicans, 9-3, move into second place in the National Basketball League, one game behind
      the Ravensgate Royals. They travel to Lindenfeld on Wednesday.
      """),
    A(outlet="touchline", slug="ashcombe-athletic-clinch-womens-title", when="2026-11-21 17:30",
      section="Football", tags=("women's football", "Ashcombe Athletic"),
      title="Ashcombe Athletic clinch Women's Coastal League title with 3-0 win",
      author="Åsa Haugland", image=("stadium", "Ashcombe Athletic players celebrate at the final whistle.", "Photo: Åsa Haugland / Touchline"),
      body="""
      ASHCOMBE — Ashcombe Athletic won the Women's Coastal League title with two games to spare on
      Saturday, beating Holm Island 3-0 in wind and rain at the Meadow Ground.

      Striker Tove Andersen scored twice in the first half, taking her tally for the season to 22,
      and midfielder Chiamaka Eze added a third from a free kick in the 76th minute.

      It is Ashcombe's first league title and caps a remarkable rise for a club that was playing in
      the regional third division five years ago. The team is coached by former national team
      defender Solveig Marhaug, who took over in 2022.

      "Five years ago we trained on a school pitch with borrowed bibs," Marhaug said. "Today the whole
      town was here."

      The match went ahead after a morning pitch inspection, despite Storm Odile's overnight rain. A
      crowd of 1,140, a record for the ground, stood under umbrellas.

      Ashcombe will play in the national women's cup play-offs in March.
      """),
    A(outlet="touchline", slug="kestrel-bay-rowing-club-150-years", when="2026-11-23 10:00",
      section="Rowing", tags=("rowing", "Kestrel Bay"),
      title="Kestrel Bay Rowing Club celebrates 150 years on the water",
      author="Åsa Haugland", image=("rowing", "A Kestrel Bay eight trains in the bay.", "Photo: Kestrel Bay Rowing Club"),
      body="""
      PORT ALDER — Kestrel Bay Rowing Club, the oldest sports club in the Northcoast, celebrated its
      150th anniversary on Sunday with a row-past of 14 boats, a lunch for 300 members and former
      members, and a sigh of relief that its boathouse survived Storm Odile.

      The club was founded in 1876 by harbour pilots and fishermen who raced gigs across the bay on
      summer evenings. Today it has 420 members, from 11-year-old juniors to a men's masters crew
      whose youngest rower is 68.

      The boathouse, on the shore north of Marine Parade, took water on Friday night but the boats had
      been moved to higher racks the day before. "We've been flooded four times in 150 years. We know
      the drill," said club captain Roisin Delacroix.

      The club has produced six national team rowers, including Olympic finalist Henrik Vasstrand in
      1996, who took part in Sunday's row-past.

      To mark the anniversary the club is raising 250,000 crowns for a new adaptive rowing programme
      for people with disabilities, and has so far collected 180,000.
      """),
    A(outlet="touchline", slug="half-marathon-moves-to-april", when="2026-11-24 09:20",
      section="Athletics", tags=("running", "Port Alder Half Marathon"),
      title="Port Alder Half Marathon moves to April after course review",
      author="Marcus Oyelowo", image=("road", "Runners on Quay Street during this year's race.", "Photo: Touchline archive"),
      body="""
      PORT ALDER — The Port Alder Half Marathon will move from October to April from 2027, organisers
      announced on Tuesday, after a review found that autumn storms had disrupted three of the last
      five races.

      This year's race was shortened to 16 kilometres because of high winds along the sea front,
      and in 2023 it was cancelled the night before. About 6,800 runners took part in 2026.

      Race director Nils Obuya said April would also allow the course to use the reopened Harbor
      Bridge, which will be included in the new route, giving runners a view over the harbour
      around the 8-kilometre mark.

      "It's a beautiful course when the weather behaves. In October, it increasingly doesn't," Obuya
      said.

      The 2027 race will be held on April 18. Entries open on Dec. 1, with 8,000 places available and
      a reduced fee for runners from Port Alder's running clubs.

      Not everyone is happy. Several club runners said online that April clashes with the spring
      marathon season, when many train for longer races.
      """),
    A(outlet="touchline", slug="kolb-attracting-interest", when="2026-11-24 12:30",
      section="Football", tags=("Rovers", "transfers"),
      title="Rovers' Kolb draws interest from top-flight clubs",
      author="Callum Reyes-Whitby", image=("portrait", "Anders Kolb has scored 11 goals this season.", "Photo: Sanne Vörk / Touchline"),
      body="""
      LINDENFELD — Lindenfeld Rovers forward Anders Kolb, whose header almost won [Sunday's Coastal Cup
      final](@mariners-win-coastal-cup-final), is attracting interest from at least two clubs in the national Premier Division, Touchline
      understands.

      Kolb, 23, has scored 11 goals in 17 matches this season, the most in the Coastal League. Scouts
      from Castellan City and Ravensgate were at Brightwater Stadium for the final.

      His contract with Rovers runs until June 2028, which means any club wanting him in the January
      transfer window would have to pay a fee. People close to the club said Rovers would want at
      least 800,000 crowns, which would be a record sale for the club.

      Rovers coach Gil Marchetti played down the reports on Tuesday. "Anders is happy here. He's a
      Lindenfeld boy and he wants to win things with this club," he said. "But if he keeps scoring,
      people will keep calling. That's normal."

      Kolb came through the Rovers academy and made his debut at 17. He has yet to be called up to
      the national squad, something that may change under a new coach.
      """),
    A(outlet="touchline", slug="holm-island-teen-swimming-record", when="2026-11-20 19:50",
      section="Swimming", tags=("swimming", "records"),
      title="Holm Island teenager breaks national 400m freestyle record",
      author="Åsa Haugland", image=("water", "Ingrid Morven after her record swim in Castellan.", "Photo: National Swimming Federation"),
      body="""
      CASTELLAN — Ingrid Morven, a 16-year-old from Holm Island who learned to swim in the sea because
      her island has no pool, broke the national women's 400 metres freestyle record on Friday at the
      short-course championships in Castellan.

      Morven touched in 4 minutes 2.37 seconds, taking 0.81 seconds off the record set in 2019. She
      finished more than three seconds ahead of the field.

      She trains with the Port Alder Swimming Club, which means a 40-minute ferry crossing before and
      after every session, five days a week. "I do my homework on the boat," she said. "The crew
      know me. They keep the table by the window free."

      Her coach, Dagny Fairweather, said Morven's strength was her pacing. "She swims the last 100
      faster than the first. You can't teach that, mostly."

      The time is inside the qualifying standard for next year's European short-course
      championships. Morven races the 800 metres on Sunday.
      """),

    # ------------------------------------------------------------------ Kestrel Bay Notes
    A(outlet="kestrel-notes", slug="crumb-and-tide-bakery-opens", when="2026-11-20 11:40",
      section="Food", tags=("bakeries", "Tern Street"),
      title="Crumb & Tide bakery opens on Tern Street (we tried the cardamom buns)",
      author="Lucy Pemberton", image=("bakery", "The first batch of loaves at Crumb & Tide on Friday morning.", "Photo: Lucy Pemberton"),
      body="""
      KESTREL BAY — The empty shop at 14 Tern Street, which has been a bookmaker, a phone shop and
      nothing at all in the twelve years this blog has existed, opened on Friday morning as Crumb & Tide,
      a bakery. There was a queue at 7 a.m.

      It is run by Hamid and Saoirse Rahimi, who met working in a bakery in Castellan and moved to
      the bay last year. Hamid bakes; Saoirse runs the front and, she says, "does the sums and eats
      the mistakes".

      The menu is short: three sourdough loaves, a rye, croissants, and cardamom buns that sold out by
      9:30. We got two of the last ones and can confirm that they are *excellent* and dangerously
      sticky.

      "We wanted a neighbourhood bakery, not a destination bakery," Saoirse told us. "The goal is that
      people pop in on the way to the bus."

      Prices are fair for sourdough: 6.50 crowns for a large loaf, 3.20 for a bun. They're open 7
      a.m. to 2 p.m., Tuesday to Sunday.

      Welcome to the bay, both of you. Please never stop making the buns.
      """),
    A(outlet="kestrel-notes", slug="winter-birds-on-the-estuary", when="2026-11-22 12:45",
      section="Nature", tags=("birds", "estuary", "photo walk"),
      title="Photo walk: winter birds are back on the estuary",
      author="Nell Garrow", image=("birds", "Wigeon and brent geese on the mudflats, Sunday morning.", "Photo: Nell Garrow"),
      body="""
      KESTREL BAY — The storm threw a lot at us this weekend, but it also seems to have blown in the
      winter birds. On this morning's low tide walk along the estuary path, from the slipway to the
      old lime kiln, we counted 31 species, our best November morning in three years.

      The highlights: about 400 brent geese on the mudflats, arguing as usual; a flock of wigeon,
      whistling; two little egrets; and, for the first time on one of our walks, a spoonbill, feeding
      in the channel below the kiln. Ornithologist and regular reader Ewan Lockhart confirmed the
      identification from our slightly blurry photo.

      "Spoonbills have been turning up further north every year," he told us. "In ten years they may
      be ordinary here. Enjoy them while they're still exciting."

      A reminder for walkers and dog owners: the mudflats are a feeding area, and birds that are
      disturbed again and again in winter can run short of energy. Please keep dogs on the path
      between the slipway and the kiln until March.

      Next photo walk: Sunday Dec. 6, meeting at the slipway at 8:30 a.m. Bring binoculars if you
      have them; we have a few spare pairs.
      """),
    A(outlet="kestrel-notes", slug="lost-dog-reunited-after-storm", when="2026-11-23 18:20",
      nodate=True, section="Notices", tags=("pets", "Storm Odile"),
      title="Biscuit is home! Lost dog found after the storm",
      author="Lucy Pemberton", image=("sea", "Biscuit, reunited with the Okafor-Lunde family on Monday.", "Photo: Okafor-Lunde family"),
      body="""
      KESTREL BAY — Good news at last. Biscuit, the elderly spaniel who bolted from a garden on Heron
      Close when the fence blew down on Friday night, is home, three days and about six kilometres
      later.

      He was found on Monday afternoon by a Northcoast Power crew working on a line near Greywater
      Point. "He just walked up to the truck and sat down next to our flask," lineworker Dominik Szabo
      told us. The crew read the phone number on his collar and called his family.

      Biscuit is 13, deaf in one ear and, according to his owner Chidi Okafor-Lunde, "not exactly an
      adventurer". He was tired and hungry but otherwise fine, the vet said.

      More than 200 of you shared our post on Saturday, and several readers searched the dunes on
      Sunday. Thank you, all of you.

      If your pet is still missing after the storm, the animal shelter on Gull Lane is keeping a list
      of found animals, and you can send us a photo for our notices page.
      """),
    A(outlet="kestrel-notes", slug="ward-meeting-notes-november", when="2026-11-20 21:15",
      section="Council", tags=("ward meeting", "parking", "post office"),
      title="Ward meeting notes: parking, the playground and the old post office",
      author="Dev Kaur", image=("council", "About 40 residents came to Thursday's ward meeting.", "Photo: Dev Kaur"),
      body="""
      KESTREL BAY — For those who couldn't make it to Thursday's ward meeting at the community hall,
      here is our summary. About 40 people came, plus Councillor Colm Ferriter and two city officers.

      Parking: the city wants to introduce resident permits on the streets near the beach next summer,
      at 60 crowns a year. Reactions were mixed. Several people said day visitors fill the streets
      from May to September; others worried about the cost for families with two cars. A survey goes
      out in January.

      The playground: new equipment at Gull Lane park has been ordered and should be installed in
      February. The old climbing frame, which was taped off in the summer, will be removed next week.

      The old post office: the building on Tern Street has been sold to a housing association, which
      plans eight small flats and a ground-floor community space. Plans should be filed before
      Christmas.

      Any other business: the storm forecast. Ferriter urged people near the sea wall to move cars
      and bins inside on Friday evening. We will see how that goes.

      Next meeting: Thursday Jan. 21, 7 p.m.
      """),
    A(outlet="kestrel-notes", slug="school-choir-tree-lighting", when="2026-11-23 16:10",
      section="News", tags=("schools", "music"),
      title="Kestrel Bay school choir chosen to sing at the city tree lighting",
      author="Lucy Pemberton", image=("crowd", "The Kestrel Bay Primary choir rehearsing on Monday.", "Photo: Kestrel Bay Primary School"),
      body="""
      KESTREL BAY — The choir of Kestrel Bay Primary School will sing at the lighting of the city's
      holiday tree in front of City Hall on Saturday Dec. 5, the first time a school from the bay has
      been chosen in the event's 40 years.

      The 34 singers, aged eight to eleven, were picked from 19 school choirs that sent recordings to
      the city's events office. They will perform three songs, including one written by the children
      themselves about the harbour.

      "They wrote the words in September, long before anybody had heard of Storm Odile," said music
      teacher Gemma Lindsay. "There's a verse about the sea coming in. It has taken on a different
      meaning this week."

      The school has been rehearsing twice a week and is looking for parents to help with transport
      and with matching blue scarves.

      The tree lighting starts at 5 p.m. on the City Hall steps and is free. Hot chocolate will be
      sold by the Kestrel Bay Primary parents' association, with profits going to families affected
      by the flooding on Marine Parade.
      """),
    A(outlet="kestrel-notes", slug="the-anchor-turns-200", when="2026-11-24 19:40",
      section="Food", tags=("pubs", "history"),
      title="The Anchor turns 200: a short history of the bay's oldest pub",
      author="Nell Garrow", image=("city", "The Anchor on the corner of Marine Parade and Gull Lane.", "Photo: Nell Garrow"),
      body="""
      KESTREL BAY — The Anchor, on the corner of Marine Parade and Gull Lane, is 200 years old this
      week, according to a licence from November 1826 that landlord Kieran Doyle found framed in the
      cellar when he took over in 2011.

      For most of its history it was a fishermen's pub. Local historian Agnes Thorburn says the back
      room served as an unofficial auction hall for catches until the 1920s, and the pub's bell was
      used to call lifeboat crews before the station got its own siren in 1934.

      "Every big event in the bay has happened in here or right outside," Doyle told us. "Weddings,
      wakes, three floods, and one very small fire in 1998 that we don't talk about."

      The Anchor's car park ended up with a rowing boat in it after Storm Odile on Friday, and the
      cellar took some water. Doyle says the party goes ahead anyway: Saturday from 4 p.m., with a
      folk band, a quiz and 1826 prices on the first round, which works out at about nothing.

      Proceeds from a raffle will go to the Marine Parade flood fund.
      """),
]
