#include "store/DemoPhrases.h"

#include <array>

namespace callsnare::store::demo {

namespace {

using Words = std::string_view;

constexpr std::array<Problem, 16> kProblems{{
    {"no cooling",
     {"Our AC stopped cooling, it's just blowing warm air.",
      "AC runs nonstop but the house won't go below 82.",
      "The air conditioner isn't cooling at all, upstairs is like an oven."},
     false},
    {"no heat",
     {"Furnace isn't putting out any heat.", "No heat at all, the house is down to 58 degrees.",
      "Heat won't come on. Thermostat is set to 70 and it's 61 in here."},
     true},
    {"furnace making a banging noise",
     {"The furnace makes a loud banging noise every time it kicks on.",
      "Furnace is making a banging noise in the basement, kind of scary.",
      "Loud bang from the furnace when it starts, then it runs normally."},
     false},
    {"AC leaking water",
     {"There's water leaking around the indoor AC unit.", "AC is leaking water all over the basement floor.",
      "Water dripping from the air handler in the attic, ceiling has a stain now."},
     false},
    {"thermostat blank",
     {"The thermostat screen is blank and nothing turns on.",
      "Thermostat went blank this morning, changed the batteries, still nothing.",
      "Our thermostat is completely dead, no display."},
     false},
    {"heat pump iced over",
     {"The outdoor heat pump is covered in ice.",
      "Heat pump outside is iced over and the house is getting cold.",
      "There's a thick layer of ice on the heat pump coils."},
     false},
    {"gas smell near furnace",
     {"We smell gas near the furnace.", "There's a gas smell in the basement by the furnace.",
      "Smells like rotten eggs near the furnace, is that gas?"},
     true},
    {"carbon monoxide alarm",
     {"Our carbon monoxide alarm keeps going off.", "CO detector is beeping near the furnace room.",
      "The CO alarm went off twice tonight."},
     true},
    {"outdoor unit not running",
     {"The outside AC unit isn't running, the fan doesn't spin.",
      "Condenser outside is humming but the fan won't turn.", "Outdoor unit is dead, indoor fan still runs."},
     false},
    {"AC short cycling",
     {"AC turns on and off every couple of minutes.", "The air conditioner keeps short cycling.",
      "AC starts, runs for a minute, shuts off, over and over."},
     false},
    {"burning smell from vents",
     {"There's a burning smell coming from the vents.",
      "Burning smell when the heat comes on, stronger than the usual dust smell.",
      "Smells like something electrical burning from the registers."},
     true},
    {"pilot light keeps going out",
     {"The furnace pilot light keeps going out.", "Pilot went out again, third time this week.",
      "Can't keep the pilot lit on our old furnace."},
     false},
    {"weak airflow upstairs",
     {"Barely any air coming out of the vents upstairs.", "Airflow is really weak on the second floor.",
      "Upstairs rooms get almost no air, downstairs is fine."},
     false},
    {"frozen AC coil",
     {"There's ice on the copper line going into the house.", "AC coil is frozen solid.",
      "Frost all over the indoor coil and the AC stopped cooling."},
     false},
    {"loud buzzing from outdoor unit",
     {"The outdoor unit is making a loud buzzing sound.", "Loud electrical buzz from the AC outside.",
      "The condenser is buzzing and not starting."},
     false},
    {"furnace blowing cold air",
     {"Furnace runs but only blows cold air.", "Heat is on but the air from the vents is cold.",
      "The blower runs but there's no warm air."},
     true},
}};

constexpr std::array<Words, 64> kFirstNames{
    "James",   "Mary",      "Robert",  "Patricia",  "John",    "Jennifer", "Michael", "Linda",
    "David",   "Elizabeth", "William", "Barbara",   "Richard", "Susan",    "Joseph",  "Jessica",
    "Thomas",  "Sarah",     "Chris",   "Karen",     "Daniel",  "Lisa",     "Matthew", "Nancy",
    "Anthony", "Betty",     "Mark",    "Sandra",    "Paul",    "Ashley",   "Steven",  "Kimberly",
    "Andrew",  "Emily",     "Kevin",   "Donna",     "Brian",   "Michelle", "George",  "Carol",
    "Jose",    "Amanda",    "Luis",    "Melissa",   "Ryan",    "Deborah",  "Jacob",   "Stephanie",
    "Gary",    "Rebecca",   "Eric",    "Laura",     "Tyrone",  "Keisha",   "Wei",     "Mei",
    "Raj",     "Priya",     "Tomasz",  "Agnieszka", "Darnell", "Latoya",   "Miguel",  "Rosa"};

constexpr std::array<Words, 64> kLastNames{
    "Smith",     "Johnson",  "Williams",  "Brown",   "Jones",     "Garcia",   "Miller",     "Davis",
    "Rodriguez", "Martinez", "Hernandez", "Lopez",   "Gonzalez",  "Wilson",   "Anderson",   "Thomas",
    "Taylor",    "Moore",    "Jackson",   "Martin",  "Lee",       "Perez",    "Thompson",   "White",
    "Harris",    "Sanchez",  "Clark",     "Ramirez", "Lewis",     "Robinson", "Walker",     "Young",
    "Allen",     "King",     "Wright",    "Scott",   "Torres",    "Nguyen",   "Hill",       "Flores",
    "Green",     "Adams",    "Nelson",    "Baker",   "Hall",      "Rivera",   "Campbell",   "Mitchell",
    "Carter",    "Roberts",  "Kowalski",  "Nowak",   "Schmidt",   "O'Brien",  "Murphy",     "Sullivan",
    "Patel",     "Chen",     "Kim",       "Olson",   "Johansson", "Novak",    "Washington", "Dubois"};

constexpr std::array<Words, 8> kTechnicians{"Mike R.",  "Dana K.", "Luis M.", "Tom B.",
                                            "Andre W.", "Sam P.",  "Kate O.", "Victor S."};
constexpr std::array<Words, 5> kDispatchers{"Maria", "Jen", "Carlos", "Denise", "Kyle"};

constexpr std::array<Words, 24> kStreets{
    "Prairie", "Maple",  "Oak",       "Cedar",  "Elm",      "Lincoln",  "Washington", "Sheridan",
    "Ridge",   "Willow", "Hawthorne", "Forest", "Chestnut", "Highland", "Grove",      "Walnut",
    "Park",    "Lake",   "Sunset",    "Meadow", "Birch",    "Spring",   "Harrison",   "Jefferson"};
constexpr std::array<Words, 6> kSuffixes{"St", "Ave", "Ln", "Dr", "Ct", "Rd"};
constexpr std::array<Words, 6> kDirections{"", "", "N ", "S ", "W ", "E "};
constexpr std::array<Words, 16> kCities{"Chicago",    "Oak Park",      "Evanston",    "Naperville",
                                        "Schaumburg", "Aurora",        "Joliet",      "Elmhurst",
                                        "Skokie",     "Downers Grove", "Orland Park", "Arlington Heights",
                                        "Palatine",   "Wheaton",       "Berwyn",      "Cicero"};
constexpr std::array<Words, 8> kBrands{"Carrier", "Trane",  "Lennox", "Goodman",
                                       "Rheem",   "Bryant", "York",   "Amana"};

std::string join(std::initializer_list<std::string_view> parts)
{
    std::string text;
    for (const auto part : parts) {
        text.append(part);
    }
    return text;
}

std::string number(qint64 value)
{
    return std::to_string(value);
}

} // namespace

std::span<const Problem> problems()
{
    return kProblems;
}

std::string_view firstName(DemoRandom& random)
{
    return random.pick(kFirstNames);
}
std::string_view lastName(DemoRandom& random)
{
    return random.pick(kLastNames);
}
std::string_view technician(DemoRandom& random)
{
    return random.pick(kTechnicians);
}
std::string_view dispatcher(DemoRandom& random)
{
    return random.pick(kDispatchers);
}

std::string streetAddress(DemoRandom& random)
{
    return join({number(random.between(100, 9899)), " ", random.pick(kDirections), random.pick(kStreets), " ",
                 random.pick(kSuffixes), ", ", random.pick(kCities)});
}

std::string firstReply(DemoRandom& random, const Problem& problem)
{
    static constexpr std::array<Words, 6> openers{
        "", "Yes please. ", "Hi! ", "Hey, thanks for texting back. ", "Yes! ", "Hi there. "};
    static constexpr std::array<Words, 7> closers{"",
                                                  " Started last night.",
                                                  " Can someone come out today?",
                                                  " It's been like this since this morning.",
                                                  " We have a baby at home so hoping it's soon.",
                                                  " How soon can you get here?",
                                                  " Happened once last week too."};
    return join({random.pick(openers), random.pick(std::span<const Words>(problem.statements)),
                 random.pick(closers)});
}

std::pair<std::string, std::string> safetyExchange(DemoRandom& random)
{
    static constexpr std::array<Words, 2> asks{
        "Please get everyone out of the house now and call the gas company's emergency line or 911 from "
        "outside. Don't touch light switches. Text me when you're safe.",
        "Safety first: leave the house, leave the door open, and call 911 or the gas company from outside. "
        "We'll send a tech as soon as they clear it."};
    static constexpr std::array<Words, 3> answers{
        "We're all outside, the gas company is on the way.",
        "Ok we're out. Nicor said they'll be here in 30 minutes.",
        "Fire department came and aired it out, they said to call you."};
    return {std::string(random.pick(asks)), std::string(random.pick(answers))};
}

int detailExchangeCount()
{
    return 6;
}

std::pair<std::string, std::string> detailExchange(DemoRandom& random, int which)
{
    switch (which) {
    case 0: {
        static constexpr std::array<Words, 3> answers{"Furnace and central air, ", "Heat pump, ",
                                                      "Furnace, AC added later, "};
        const std::string year = number(random.between(1998, 2022));
        return {std::string(random.chance(500) ? "Is it a furnace with central AC, or a heat pump?"
                                               : "Do you know the brand and roughly how old the system is?"),
                join({random.pick(answers), random.pick(kBrands), ", installed around ", year, "."})};
    }
    case 1: {
        static constexpr std::array<Words, 5> answers{"Yesterday evening.", "This morning when we got up.",
                                                      "A couple of days ago, it's gotten worse.",
                                                      "About an hour before I called.", "Over the weekend."};
        return {"When did you first notice it?", std::string(random.pick(answers))};
    }
    case 2: {
        static constexpr std::array<Words, 4> answers{
            "Changed it last month.", "Honestly I can't remember the last time.",
            "Just swapped it, didn't help.", "Where is the filter?"};
        return {"Have you changed the air filter recently?", std::string(random.pick(answers))};
    }
    case 3: {
        static constexpr std::array<Words, 4> answers{
            "There's a blinking red light on the furnace, 3 flashes.",
            "No codes, the thermostat just says cool on.", "It shows E5 on the thermostat.",
            "Nothing I can see."};
        return {"Any error lights or codes on the unit or the thermostat?",
                std::string(random.pick(answers))};
    }
    case 4: {
        static constexpr std::array<Words, 4> answers{
            "Flipped it off and on, still nothing.", "Breaker looks fine.",
            "Yes, it tripped again right away.", "Not sure which one it is."};
        return {"Could you check the breaker for the unit in your electrical panel?",
                std::string(random.pick(answers))};
    }
    default: {
        static constexpr std::array<Words, 4> answers{
            "Gate code is 4417, dog will be inside.", "Side door, the unit is in the basement.",
            "Attic access is through the hallway closet.", "Park in the driveway, ring the bell."};
        return {"Anything the technician should know to get in?", std::string(random.pick(answers))};
    }
    }
}

std::string askAddress(DemoRandom& random, std::string_view first)
{
    switch (random.below(3)) {
    case 0:
        return join({"Sorry about that, ", first, "! What's the service address?"});
    case 1:
        return join({"Thanks ", first, ", we can help. What address is the unit at?"});
    default:
        return "Got it. What's the address where the system is?";
    }
}

std::string askPreferredTime(DemoRandom& random)
{
    static constexpr std::array<Words, 3> asks{"What time works best for a technician visit?",
                                               "When would you like us to come out?",
                                               "Do you prefer mornings or afternoons for the visit?"};
    return std::string(random.pick(asks));
}

std::string preferredTime(DemoRandom& random)
{
    static constexpr std::array<Words, 5> answers{"Tomorrow morning if possible.", "Anytime after 3pm.",
                                                  "I work from home so whenever.",
                                                  "Earliest you have please.", "Mornings are best."};
    return std::string(random.pick(answers));
}

std::string offerSlot(DemoRandom& random, std::string_view tech, std::string_view day,
                      std::string_view window)
{
    if (random.chance(500)) {
        return join(
            {"We have ", tech, " available ", day, " between ", window, ". Want me to put you down?"});
    }
    return join({"I can get ", tech, " out ", day, ", arrival window ", window,
                 ". The diagnostic is $89, waived if you go ahead with the repair. Sound good?"});
}

std::string acceptSlot(DemoRandom& random)
{
    static constexpr std::array<Words, 4> answers{"Yes please book it.", "That works, thank you!", "Perfect.",
                                                  "Yes. Will he call before coming?"};
    return std::string(random.pick(answers));
}

std::string declineSlot(DemoRandom& random)
{
    static constexpr std::array<Words, 3> answers{"Thanks, but we found someone who can come sooner.",
                                                  "Never mind, my husband fixed it.",
                                                  "That's too far out, we'll call someone else."};
    return std::string(random.pick(answers));
}

std::string acknowledgeDecline(DemoRandom& random)
{
    static constexpr std::array<Words, 2> answers{"Understood, we're here if you need us.",
                                                  "No problem. Save this number in case it acts up again."};
    return std::string(random.pick(answers));
}

std::string scheduleCheck(DemoRandom& random)
{
    static constexpr std::array<Words, 2> answers{"Let me check the schedule and get right back to you.",
                                                  "Checking with the techs now, one moment."};
    return std::string(random.pick(answers));
}

std::string askForOffice(DemoRandom& random)
{
    static constexpr std::array<Words, 3> answers{
        "Honestly the system is 20 years old. Can someone talk to me about replacing it?",
        "Can I get a quote for a new furnace and AC instead?",
        "Is there someone I can talk to about financing a replacement?"};
    return std::string(random.pick(answers));
}

std::string handToOffice(DemoRandom& random, std::string_view officePhone)
{
    if (random.chance(500)) {
        return join({"Absolutely. I'm passing you to our comfort advisor, they'll call you today from ",
                     officePhone, "."});
    }
    return join({"Sure thing, our office will call you shortly from ", officePhone, " to go over options."});
}

std::string followUp(DemoRandom& random, std::string_view first)
{
    if (random.chance(500)) {
        return join(
            {"Hi ", first, ", just following up. Still having trouble? We can get someone out today."});
    }
    return join({"Checking in, ", first, ". Do you still need a technician?"});
}

std::string thanksAfterVisit(DemoRandom& random, std::string_view first)
{
    static constexpr std::array<Words, 2> closers{
        ", thanks for choosing us! Reply if anything comes up.",
        ", glad we got you running again. A quick review would mean a lot to our team!"};
    return join({"Hi ", first, random.pick(closers)});
}

std::string note(DemoRandom& random)
{
    switch (random.below(8)) {
    case 0:
        return join({"Gate code ", number(random.between(1000, 9999)), "."});
    case 1:
        return "Dog in the backyard, knock at the front.";
    case 2:
        return join(
            {"Unit is a ", random.pick(kBrands), " installed ", number(random.between(2001, 2021)), "."});
    case 3:
        return "Customer prefers texts over calls.";
    case 4:
        return join({"Asked for ", random.pick(kTechnicians), ", did the last tune-up."});
    case 5:
        return "Possible warranty, ask for the install paperwork.";
    case 6:
        return "Has a maintenance plan with us (Comfort Club), no diagnostic fee.";
    default:
        return "Elderly homeowner, prioritize.";
    }
}

} // namespace callsnare::store::demo
