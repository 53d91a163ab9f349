"""Stand-alone stories: each covered by one outlet only.

Written for herald; every person, place, company and figure is invented.
"""

from articles import A

ITEMS = [
    # ------------------------------------------------------------------ The Harbor Gazette
    A(outlet="harbor-gazette", slug="velmark-fishing-talks-stall", when="2026-11-20 15:20",
      feeds=("top", "world"), section="World", tags=("fishing", "Velmark"),
      title="Fishing talks with Velmark stall over cod quota",
      author="Hugo Brandvold", image=("boat", "Trawlers tied up at Port Alder's fish quay.", "Photo: Gazette archive"),
      body="""
      CASTELLAN — Talks on next year's shared fishing quotas with Velmark broke up without agreement on
      Friday, leaving Northcoast trawler crews unsure how much cod they will be allowed to land from
      January.

      Negotiators from the two countries had met for four days in Castellan. Officials said they had
      agreed figures for haddock, herring and mackerel but remained far apart on cod, where
      scientists have advised a cut of 18% to let stocks recover.

      Velmark wants the cut shared equally. The national fisheries ministry is pushing for a larger
      share for its own fleet, arguing that Northcoast boats bore most of a 20% reduction two years
      ago.

      "We are not going to sign something that puts another ten boats out of business in Port Alder,"
      said deputy fisheries minister Karin Solvik.

      Bernard Ouellet, who skippers the trawler Silver Wake out of Port Alder, said the uncertainty
      was hurting crews already. "You can't plan a season, you can't hire, you can't talk to the
      bank," he said.

      The talks are due to resume on Dec. 7. If there is no deal by the end of the year, each country
      is expected to set a provisional quota for the first three months of 2027.
      """),
    A(outlet="harbor-gazette", slug="cargo-ship-refloated-strait-of-ennis", when="2026-11-23 11:05",
      feeds=("world",), section="World", tags=("shipping",),
      title="Cargo ship refloated after three days aground in the Strait of Ennis",
      author="Hugo Brandvold", image=("ship", "Tugs pull the Coral Meridian clear of the sandbank on Monday.", "Photo: Ennis Port Authority"),
      body="""
      ENNIS HARBOUR — Salvage crews refloated the container ship *Coral Meridian* early on Monday, three
      days after it ran aground on a sandbank in the Strait of Ennis, one of the region's busiest
      shipping lanes.

      Five tugs pulled the 294-metre vessel free on the high tide at 4:30 a.m. local time, after
      about 600 containers had been lifted off by a floating crane to lighten it. The ship's owner,
      Bellweather Lines, said there was no sign of damage to the hull and no fuel had leaked.

      The grounding on Friday afternoon, which the Ennis port authority blamed on a steering failure,
      forced traffic into a single lane. By Sunday about 70 vessels were waiting at either end of the
      strait, including two ships bound for Port Alder.

      "It was a very careful operation. We had one chance at high tide and we took it," salvage
      master Lotte Vandersloot said.

      The port authority said normal two-way traffic would resume on Tuesday once the channel had
      been surveyed. Shipping analysts said the delays were likely to add two to three days to
      deliveries for some retailers ahead of the holiday season.
      """),
    A(outlet="harbor-gazette", slug="eastside-shop-break-ins", when="2026-11-22 10:10",
      section="News", tags=("crime", "Eastside"),
      title="Police investigate break-ins at six Eastside shops in one night",
      author="Tom Eberhardt", image=("city", "Boarded-up windows on Canal Street on Sunday morning.", "Photo: Ben Adeyemi / The Harbor Gazette"),
      body="""
      PORT ALDER — Police are investigating a string of break-ins at six shops on Canal Street and
      Cooper Lane in the Eastside neighbourhood overnight Saturday, in what officers believe was a
      single group taking advantage of the storm damage and power cuts.

      The thieves forced doors or broke windows between about 1 a.m. and 4 a.m., taking cash,
      cigarettes and electronics, according to Inspector Gwen Halloran. Alarm systems at four of the
      shops were not working because of the power cut that followed Storm Odile.

      "They knew the alarms were down and that we were stretched," Halloran said. "That tells us
      something about who we're looking for."

      Ahmet Doruk, who owns a phone repair shop on Canal Street, said he lost about 6,000 crowns of
      stock. "I came in to check the roof after the storm and found the door on the floor," he said.

      Police have collected security camera footage from a bank and a petrol station nearby and asked
      anyone who saw a white van in the area to contact them.

      The Eastside Business Association said it would ask the city to fund backup batteries for shop
      alarms, which cost about 300 crowns each.
      """),
    A(outlet="harbor-gazette", slug="seed-library-ten-years", when="2026-11-24 08:30",
      section="Arts & Life", tags=("libraries", "gardening"),
      title="Port Alder's seed library turns ten, with a record season behind it",
      author="Priya Valderrama", image=("books", "Seed packets fill old card catalogue drawers at Central Library.", "Photo: Priya Valderrama / The Harbor Gazette"),
      body="""
      PORT ALDER — In a corner of Central Library on Harbour Road, an old oak card catalogue that once
      held 60,000 index cards now holds something else: beans, kale, poppies and 41 kinds of tomato.

      The seed library, where residents borrow seeds in spring and return seeds from their harvest in
      autumn, celebrates its tenth anniversary this week. Librarians say 2026 was its busiest year,
      with 3,870 packets lent and 2,210 returned.

      "People think it's about free seeds. It's really about keeping varieties that grow well here,
      in our wind and our salt," said librarian Oksana Peretz, who started the project in 2016 with a
      shoebox of donated packets.

      Some of the most popular varieties have local histories. The Kestrel Runner bean was kept going
      by one family in Kestrel Bay for more than 70 years before they donated a jar of seeds in 2018.

      The anniversary will be marked on Saturday with a seed swap, a talk on saving tomato seeds and
      cake. Organisers say they are also looking for volunteers to help sort this year's returns,
      which arrive in everything from envelopes to jam jars.

      The library's seed catalogue can be browsed at the Central Library information desk.
      """),

    # ------------------------------------------------------------------ Meridian Wire
    A(outlet="meridian-wire", slug="parliament-approves-parental-leave", when="2026-11-20 19:15",
      section="National", tags=("parliament", "families"),
      title="Parliament approves 18 months of shared parental leave",
      author="Nadia Ferro", image=("council", "The parliament building in Castellan.", "Photo: Joran Vleck / Meridian Wire"),
      body="""
      CASTELLAN (Meridian Wire) — Parliament voted on Friday to extend paid parental leave from 12 to
      18 months from January 2028, in one of the largest changes to family policy in a generation.

      The bill passed by 112 votes to 79, with support from the governing parties and the Green List.
      Under the new rules, each parent will have six months reserved for them that cannot be
      transferred, with the remaining six months shared as the family chooses.

      Leave will be paid at 80% of salary up to a ceiling of 4,200 crowns a month, unchanged from the
      current scheme. The cost is estimated at 1.3 billion crowns a year once fully in place.

      "We want fathers to take real time with their children, not two weeks in the summer," Family
      Minister Ada Vinterberg said in the debate.

      Employers' groups criticised the measure, saying it would make staffing harder for small firms.
      The Federation of Small Enterprises said the government should fund temporary cover for
      businesses with fewer than 20 employees.

      Opposition Civic Union lawmakers voted against, arguing that the country could not afford the
      expansion while the budget deficit stood at 3.4% of GDP.
      """),
    A(outlet="meridian-wire", slug="unemployment-steady-october", when="2026-11-24 13:00",
      section="Business", tags=("economy", "jobs"),
      title="Unemployment holds at 5.1% in October as hiring slows",
      author="Tobias Wren", image=("chart", "The unemployment rate, 2020-2026.", "Graphic: Meridian Wire"),
      body="""
      CASTELLAN (Meridian Wire) — The unemployment rate was unchanged at 5.1% in October, the national
      statistics office said on Tuesday, but the number of job vacancies fell for the fifth month in a
      row, a sign that employers are becoming more cautious.

      There were 182,000 open positions in October, down from 191,000 in September and 246,000 a year
      earlier. The fall was steepest in construction and in hotels and restaurants.

      The economy added 6,400 jobs in the month, fewer than the 9,000 economists had expected. Average
      weekly earnings were 4.6% higher than a year earlier, slightly faster than inflation.

      "The labour market is cooling slowly rather than cracking," said Mirela Stanko, chief economist
      at Ostrava Bank. "For the central bank, wage growth of almost 5% is still uncomfortable."

      Youth unemployment, for people aged 15 to 24, rose to 11.8% from 11.2%. The Northcoast region
      had the highest overall rate, at 6.3%, and the capital region the lowest, at 4.2%.

      The figures were published hours before the National Reserve Bank's interest rate decision.
      """),
    A(outlet="meridian-wire", slug="government-to-sell-aurel-air-stake", when="2026-11-23 15:30",
      section="Business", tags=("aviation", "privatisation"),
      title="Government to sell its stake in Aurel Air",
      author="Lena Aaltonen", image=("sea", "An Aurel Air jet on approach to Castellan airport.", "Photo: Kofi Brandauer / Meridian Wire"),
      body="""
      CASTELLAN (Meridian Wire) — The government will sell its 34% stake in the national airline Aurel
      Air over the next two years, Finance Minister Oskar Lindahl said on Monday, ending almost 80
      years of state ownership.

      The stake is worth about 1.1 billion crowns at Friday's share price. Lindahl said the sale would
      be made in stages, either to institutional investors or through a public offering, and that no
      single buyer would be allowed to take more than 20%.

      "An airline is a business, not a symbol. The state has better things to do with a billion
      crowns," Lindahl told a news conference.

      Aurel Air, which carried 14.2 million passengers last year, returned to profit in 2024 after
      losses during the pandemic. Its shares rose 5.8% on the news.

      The pilots' union said it would seek guarantees that the airline's headquarters and maintenance
      base would stay in Castellan. Chief executive Vivienne Rault said the company welcomed "a clear
      answer about its future".

      The government sold its stake in the national telecom company in 2019 and still holds shares
      in eight companies, including the railway and the postal service.
      """),
    A(outlet="meridian-wire", slug="museum-returns-bronzes-to-tarsova", when="2026-11-22 14:00",
      section="World", tags=("culture", "Tarsova"),
      title="National Museum returns four bronze figures to Tarsova",
      author="Felipe Marangoni", image=("books", "The bronzes before packing at the National Museum.", "Photo: Ines Korda / Meridian Wire"),
      body="""
      CASTELLAN (Meridian Wire) — The National Museum handed four bronze figures back to Tarsova on
      Sunday, more than a century after they were taken from a temple on the islands by a naval
      officer, in a ceremony overshadowed by the earthquake that struck the archipelago hours earlier.

      The figures, each about 40 cm tall and dating from the 14th century, were given to the museum in
      1911. Research by the museum's own curators, published last year, concluded that they had been
      removed without the consent of the temple's guardians.

      Tarsova's ambassador, Luana Ferreira-Tavi, asked for a minute's silence for the victims of the
      earthquake before signing the transfer papers. "These figures go home at a moment when my
      country needs reasons for hope," she said.

      Museum director Pieter Aalbers said returning the bronzes was "not a loss for our collection
      but a correction of it". The museum is reviewing the origins of about 2,000 objects acquired
      during the colonial period.

      The figures will travel to Port Serrat next month and go on display at the Tarsova National
      Gallery once its building has been checked for earthquake damage.
      """),

    # ------------------------------------------------------------------ NCPR
    A(outlet="ncpr", slug="lifeboat-crews-recruitment-gap", when="2026-11-24 11:40",
      section="Region", tags=("lifeboats", "volunteers"),
      title="After a busy storm night, volunteer lifeboat crews say they need more hands",
      author="Jun Okabe", image=("boat", "The Port Alder lifeboat returns to its station after an exercise.", "Photo: Jun Okabe / NCPR"),
      body="""
      PORT ALDER — When the pager went off at 12:55 a.m. on Saturday, seven volunteers ran to the Port
      Alder lifeboat station. Within 45 minutes they had reached the fishing boat *Morning Tern*, adrift
      off Greywater Point with three crew aboard.

      It was a textbook rescue, says coxswain Ada Brennan. But she worries about how long the station
      can keep doing them. The crew roster has fallen from 31 volunteers in 2019 to 22 today, and only
      nine live close enough to reach the boat within ten minutes at night.

      "People move further out because of house prices, or their employer won't let them leave work
      for a shout," Brennan said. "We're not short of courage. We're short of postcodes."

      The lifeboat charity says stations across the Northcoast face similar gaps. It is running a
      recruitment campaign this winter aimed at people who work from home and at employers, who can
      sign a pledge to release staff for callouts.

      New volunteers need no sailing experience. Training takes about a year and includes first aid,
      navigation and sea survival.

      The Port Alder station holds an open evening on Thursday at 7 p.m.
      """),
    A(outlet="ncpr", slug="holm-island-ferry-new-hybrid-vessel", when="2026-11-20 09:15",
      section="Region", tags=("ferries", "Holm Island"),
      title="Holm Island ferry to get a hybrid vessel in 2028",
      author="Ravi Deshpande", image=("boat", "The current Holm Island ferry, the Islander, built in 1992.", "Photo: Ravi Deshpande / NCPR"),
      body="""
      PORT ALDER — The ferry that links Holm Island to the mainland will be replaced by a
      battery-diesel hybrid vessel in 2028, the regional transport authority announced on Friday.

      The new ship will carry 350 passengers and 48 cars, compared with 280 passengers and 36 cars on
      the Islander, which has run the 40-minute crossing since 1992. It will sail on battery power in
      and out of both harbours and charge at the Port Alder terminal.

      The contract, worth 72 million crowns, went to the Brekke shipyard in Tarrow. The authority
      expects fuel costs to fall by about 40%.

      Islanders have complained for years about breakdowns. The Islander was out of service for 19
      days last winter, when a replacement boat with room for only 12 cars was brought in.

      "Reliability matters more to us than anything else. If the boat doesn't run, the shop doesn't
      get bread and the children don't get to school," said Holm Island community council chair Maud
      Kinnear.

      The authority said the Islander would be kept as a reserve vessel for at least two years after
      the new ferry enters service.
      """),
    A(outlet="ncpr", slug="coastal-mayors-ask-for-sea-level-fund", when="2026-11-24 15:30",
      feeds=("top", "world"), section="Nation", tags=("climate", "sea level"),
      title="Coastal mayors ask the national government for a sea-level fund",
      author="Sofia Marchbank", image=("sea", "High tide at Greywater Point.", "Photo: Sofia Marchbank / NCPR"),
      body="""
      PORT ALDER — Mayors of 14 coastal towns and cities, including Port Alder, have written to the
      national government asking for a permanent fund to pay for sea walls, drainage and, in some
      places, moving homes away from the shore.

      The letter, sent on Tuesday, asks for 400 million crowns a year for 20 years. It cites Storm
      Odile, which breached the sea wall in Port Alder's Kestrel Bay district on Friday, as "the
      latest warning, not the last".

      "Every town on this list is paying for emergencies out of its reserves, one storm at a time,"
      said Port Alder Mayor Dana Whitlock, one of the signatories. "That is the most expensive way to
      do it."

      The national climate adaptation plan, published in 2024, estimated that 38,000 homes are at
      significant risk of coastal flooding by 2050. Funding currently comes through a competitive
      grant scheme worth 60 million crowns a year.

      Environment Minister Hedda Rosenvinge said the government would respond "in the new year" and
      noted that the next national budget would be set in the spring.

      The Association of Insurers backed the mayors' call, saying premiums in exposed areas would
      otherwise continue to rise.
      """),

    # ------------------------------------------------------------------ The Valley Courier
    A(outlet="valley-courier", slug="apple-growers-record-harvest", when="2026-11-21 07:00",
      section="Farm", tags=("apples", "agriculture"),
      title="Valley apple growers report record harvest, but prices fall",
      author="Hollis Kemper", image=("farm", "Apple trees on the Varner orchard west of Lindenfeld.", "Photo: Hollis Kemper / Valley Courier"),
      body="""
      LINDENFELD — Apple growers in the Alder Valley picked a record crop this autumn, the Valley Fruit
      Cooperative said this week, but a glut across the country means many will earn less for it.

      The cooperative's 86 member farms harvested 41,300 tonnes of apples, 14% more than last year and
      the most since records began in 1978. A mild spring with no late frost and a dry, warm
      September were behind the bumper crop.

      Prices, however, have fallen by about a fifth. "Everybody had a good year, so everybody is
      trying to sell at the same time," said cooperative manager Greta Osei. "Storage is full from
      here to the coast."

      Some growers are turning more fruit into juice and cider. Rolf Varner, whose family has grown
      apples west of Lindenfeld since 1931, said he would press about 30% of his crop this year,
      double the usual share.

      The cooperative is also trying new markets. A first shipment of 400 tonnes of Alder Gold
      apples left for Velmark last week, and talks are under way with two supermarket chains.

      Growers will meet at the Grange Hall on Dec. 2 to discuss pricing for next season.
      """),
    A(outlet="valley-courier", slug="rail-yard-homes-approved", when="2026-11-24 16:40",
      section="Local", tags=("housing", "Lindenfeld council"),
      title="Council approves 300 homes on old Lindenfeld rail yard",
      author="Owen Tarrant", image=("city", "The former rail yard off Station Road.", "Photo: Owen Tarrant / Valley Courier"),
      body="""
      LINDENFELD — The city council on Tuesday approved plans for 300 homes, a small park and a grocery
      store on the former rail yard off Station Road, a site that has stood empty since the freight
      depot closed in 2011.

      The vote was 6-1. Developer Riverside Living will build the homes in three phases starting next
      summer, with the first residents expected to move in during 2028. Sixty of the homes will be
      rented at below-market rates through the Lindenfeld Housing Trust.

      Neighbours had raised concerns about traffic on Station Road and the loss of an informal dog
      walking area. The developer agreed to pay for a new traffic signal at Station Road and Elm
      Street and to keep a strip of land along the river as public green space.

      "This city has not built this many homes in one place since the 1970s. We need every one of
      them," said Councillor Beatrix Hollande.

      The only vote against came from Councillor Dale Mercer, who said the site should be kept for
      industry. "We will regret giving away our last big piece of flat land near the railway," he
      said.

      Soil clean-up on the site, contaminated by a century of diesel and coal, is expected to cost
      about 4 million crowns and is included in the developer's budget.
      """),
    A(outlet="valley-courier", slug="obituary-walt-henning", when="2026-11-22 09:00",
      section="Obituaries", tags=("obituaries",),
      title="Walt Henning, founder of Henning's Hardware, dies at 91",
      author="Jessa Plummer", image=("portrait", "Walt Henning behind the counter of his store in 1988.", "Photo: Henning family"),
      body="""
      LINDENFELD — Walt Henning, who sold nails, paint and advice from the same corner of Market
      Street for 58 years, died on Wednesday at his home in Lindenfeld. He was 91.

      Henning opened Henning's Hardware in 1957 with a loan of 2,000 crowns from his father-in-law and
      a single room of stock. By the 1990s it filled three shopfronts and employed 14 people. He
      worked behind the counter until 2015, when he handed the store to his daughter, Clara.

      Customers remember him less for what he sold than for what he didn't. "He talked me out of
      buying a new boiler and showed me how to fix the old one. It ran another 11 years," said
      longtime customer Otto Bergmann.

      Henning served on the Lindenfeld city council from 1971 to 1983 and was a volunteer firefighter
      for 25 years. In 1986 he led the campaign to save the Market Street bandstand from demolition.

      He is survived by Clara, his son Peter, five grandchildren and two great-grandchildren. His wife
      of 62 years, Ruth, died in 2020.

      A service will be held at St. Barnabas Church on Friday at 11 a.m. The store will close for the
      day.
      """),
    A(outlet="valley-courier", slug="maternity-merger-meeting-draws-600", when="2026-11-20 19:30",
      section="Health", tags=("health", "Ashcombe"),
      title="Ashcombe maternity merger plan draws 600 to packed meeting",
      author="Jessa Plummer", image=("hospital", "Ashcombe Community Hospital.", "Photo: Courier staff"),
      body="""
      ASHCOMBE — About 600 people filled the Ashcombe sports hall on Friday evening, the day after the
      by-election count was held there, to oppose a plan to move the town's maternity unit to
      Lindenfeld.

      The Northcoast Health Authority has proposed closing the 12-bed unit at Ashcombe Community
      Hospital in 2027 and moving births to the larger unit at Lindenfeld General, 38 km away. About
      420 babies were born in Ashcombe last year.

      Authority medical director Dr. Keshav Raman said the change was about safety, not money. "We
      cannot staff two units around the clock with the specialists that complicated births need," he
      told the meeting, to loud objections.

      Parents described long drives on icy roads in winter. "Thirty-eight kilometres is nothing in
      July. In January, in labour, it is everything," said Ingrid Solberg, who gave birth at Ashcombe
      in March.

      Newly elected assembly member Maren Oduya, who has made the unit her first priority, told the
      crowd she would ask for the consultation to be extended. The current deadline for comments is
      Jan. 15.

      The authority said a midwife-led birth centre could remain in Ashcombe for low-risk births.
      """),
]
