"""Domain word lists for UK local-government papers (not any one council).

Places: the counties of the UK and the larger towns and cities (county towns
among them) that a general model tags as products or people. Organisations:
public-sector bodies and acronyms that name organisations. Roles: the heads
of officer and member titles. Non-name words: council vocabulary that a
general model capitalises into people ("Care Ambassadors", "Foster Carers").
"""

from __future__ import annotations


def _words(text: str) -> list[str]:
    return text.split()


COUNTIES = _words(
    """
    Bedfordshire Berkshire Buckinghamshire Cambridgeshire Cheshire Cornwall Cumbria Derbyshire
    Devon Dorset Durham Essex Gloucestershire Hampshire Herefordshire Hertfordshire Kent
    Lancashire Leicestershire Lincolnshire Norfolk Northamptonshire Northumberland
    Nottinghamshire Oxfordshire Rutland Shropshire Somerset Staffordshire Suffolk Surrey
    Warwickshire Wiltshire Worcestershire Yorkshire Merseyside Cumberland Westmorland Middlesex
    Sussex Anglesey Gwynedd Conwy Denbighshire Flintshire Wrexham Powys Ceredigion Pembrokeshire
    Carmarthenshire Monmouthshire Torfaen Caerphilly Fife Highland Moray Angus Perthshire
    Aberdeenshire Lanarkshire Ayrshire Renfrewshire Midlothian Tyrone Antrim Armagh Fermanagh
    Londonderry
    """
)

MULTIWORD_PLACES = [
    "Isle of Wight",
    "East Sussex",
    "West Sussex",
    "North Yorkshire",
    "South Yorkshire",
    "West Yorkshire",
    "East Riding of Yorkshire",
    "Greater London",
    "Greater Manchester",
    "West Midlands",
    "East Midlands",
    "Tyne and Wear",
    "County Durham",
    "Isles of Scilly",
    "South East",
    "South West",
    "North East",
    "North West",
    "East of England",
    "Milton Keynes",
    "Stoke-on-Trent",
    "Newcastle upon Tyne",
    "Kingston upon Hull",
    "Southend-on-Sea",
    "Tunbridge Wells",
    "Royal Tunbridge Wells",
    "St Albans",
    "High Wycombe",
    "Hemel Hempstead",
    "Bury St Edmunds",
    "King's Lynn",
    "Weston-super-Mare",
    "New Forest",
    "Test Valley",
    "East Hampshire",
    "East Hants",
    "Vale of Glamorgan",
    "Neath Port Talbot",
    "Merthyr Tydfil",
    "Blaenau Gwent",
    "Rhondda Cynon Taf",
    "Northern Ireland",
    "United Kingdom",
    "Great Britain",
]

TOWNS = _words(
    """
    London Birmingham Manchester Liverpool Leeds Sheffield Bristol Newcastle Nottingham
    Leicester Coventry Bradford Southampton Portsmouth Plymouth Reading Derby Wolverhampton
    Sunderland Brighton Hove Hull York Oxford Cambridge Norwich Ipswich Exeter Gloucester
    Worcester Hereford Chester Lancaster Preston Carlisle Lincoln Bedford Northampton
    Peterborough Luton Swindon Salisbury Bath Wells Taunton Dorchester Truro Winchester
    Basingstoke Andover Eastleigh Fareham Gosport Havant Aldershot Farnborough Fleet Petersfield
    Alton Romsey Lymington Ringwood Totton Waterlooville Chichester Worthing Crawley Horsham
    Lewes Hastings Eastbourne Guildford Woking Epsom Reigate Maidstone Canterbury Dover
    Folkestone Ashford Margate Ramsgate Gravesend Dartford Sevenoaks Tonbridge Sittingbourne
    Faversham Medway Chatham Rochester Gillingham Swale Thanet Chelmsford Colchester Southend
    Basildon Harlow Watford Stevenage Hertford Aylesbury Slough Windsor Maidenhead Newbury
    Wokingham Bracknell Banbury Bicester Abingdon Cheltenham Stroud Tewkesbury Shrewsbury
    Telford Stafford Stoke Lichfield Tamworth Warwick Leamington Nuneaton Rugby Kettering Corby
    Wellingborough Oakham Loughborough Mansfield Chesterfield Matlock Doncaster Rotherham
    Barnsley Wakefield Huddersfield Halifax Harrogate Scarborough Middlesbrough Darlington
    Hartlepool Stockton Gateshead Durham Morpeth Kendal Barrow Blackpool Blackburn Burnley
    Bolton Wigan Salford Stockport Oldham Rochdale Bury Warrington Widnes Runcorn Birkenhead
    Wirral Southport Crewe Macclesfield Northallerton Beverley Grimsby Scunthorpe Boston
    Grantham Stamford Spalding Huntingdon Ely Wisbech Bournemouth Poole Weymouth Yeovil
    Barnstaple Torquay Paignton Newquay Penzance Cardiff Swansea Newport Wrexham Bangor
    Aberystwyth Carmarthen Edinburgh Glasgow Aberdeen Dundee Inverness Stirling Perth Belfast
    Derry Whitehall Westminster
    """
)

PLACES: frozenset[str] = frozenset([*COUNTIES, *MULTIWORD_PLACES, *TOWNS])

# Acronyms and names that are organisations in UK public-sector papers.
ORG_NAMES = _words(
    """
    Ofsted CAMHS CCG CCGs ICB ICS UASC IRO CQC NHS DfE DHSC DWP DLUHC MHCLG HMRC HMT LGA ADCS
    ADASS CAFCASS Cafcass ONS CIPFA DCMS DfT DEFRA Defra DESNZ Ofwat Ofgem Ofqual Healthwatch
    HMICFRS HSCB LSCB LSCP MASH YOT YOS OPCC PCC NICE UKHSA PHE HSE DBS SOLACE
    """
)
ORG_PHRASES = [
    "Home Office",
    "Cabinet Office",
    "HM Treasury",
    "HM Government",
    "Environment Agency",
    "Natural England",
    "Historic England",
    "Homes England",
    "National Highways",
    "Highways England",
    "Youth Justice Board",
    "Care Quality Commission",
    "Local Government Association",
    "Department for Education",
    "Department of Education",
    "Department of Health and Social Care",
    "Department for Work and Pensions",
    "Department for Transport",
    "Ministry of Housing, Communities and Local Government",
    "Ministry of Justice",
    "Office for National Statistics",
    "Boundary Commission",
    "Local Government Boundary Commission for England",
    "UK Youth Parliament",
    "Youth Parliament",
]

# Acronyms a general model calls organisations but that name plans, people or things.
NOT_ORG_ACRONYMS = frozenset(
    _words(
        """
        ADHD AOB ASC ASD CCE CEO CFO CIC CIL CIN CLA COVID CP CPP CSE CSW CYP CiC DASS DCS DCT
        DSG EHC EHCNA EHCP EIA EU EqIA FOI FR FSS FTE GCSE GCSEs GDPR GETs HR HRA ICE ICT IFA
        IFAs IT JSNA KPI KPIs LA LAC LAs LD LGPS MOMO MOU MRP MTFP MYP MYPs NB NNDR OK PA PAG
        PAs PEP PEPs PFI PLO RAG RSG SEMH SEN SEND SERAF SGO SGOs SIF SNAP SW SWPA SWPAs TAF TBC
        UK VAT YP GP GPs EBACC EBacc EMDR CETR CTR SATs KS1 KS2 KS4 NEET NEETs PRU EHE
        """
    )
)

ROLE_HEADS = [
    "Chief Executive",
    "Chief Officer",
    "Chief Finance Officer",
    "Monitoring Officer",
    "Section 151 Officer",
    "Democratic Services Officer",
    "Her Majesty's Inspector",
    "Her Majesty’s Inspector",
    "HM Inspector",
    "Cabinet Member",
    "Executive Member",
    "Lead Member",
    "Executive Lead Member",
    "Portfolio Holder",
    "General Counsel",
    "Head Teacher",
    "Headteacher",
    "Vice-Chairman",
    "Vice Chairman",
    "Vice-Chair",
    "Chairman",
    "Chairwoman",
    "Chairperson",
    "Director",
    "Head",
    "Manager",
    "Officer",
    "Leader",
    "Lead",
    "Adviser",
    "Advisor",
    "Inspector",
    "Commissioner",
    "Co-ordinator",
    "Coordinator",
    "Clerk",
    "Treasurer",
    "Solicitor",
    "Mayor",
    "Principal",
]
# heads that are a role on their own; the others need a qualifier ("Head of ...", "Team Manager")
STANDALONE_ROLES = frozenset(
    [
        "Chairman",
        "Chairperson",
        "Chairwoman",
        "Chief Executive",
        "Chief Finance Officer",
        "Chief Officer",
        "Clerk",
        "Democratic Services Officer",
        "General Counsel",
        "HM Inspector",
        "Headteacher",
        "Her Majesty's Inspector",
        "Her Majesty’s Inspector",
        "Mayor",
        "Monitoring Officer",
        "Section 151 Officer",
        "Treasurer",
        "Vice Chairman",
        "Vice-Chair",
        "Vice-Chairman",
    ]
)

# Titles before a personal name; "Councillor"/"Cllr" also give the role.
PERSON_TITLES: dict[str, str | None] = {
    "councillor": "Councillor",
    "cllr": "Councillor",
    "cllr.": "Councillor",
    "county councillor": "Councillor",
    "mr": None,
    "mr.": None,
    "mrs": None,
    "mrs.": None,
    "ms": None,
    "ms.": None,
    "miss": None,
    "dr": None,
    "dr.": None,
    "prof": None,
    "professor": None,
    "sir": None,
    "dame": None,
    "lord": None,
    "lady": None,
    "baroness": None,
    "rev": None,
    "revd": None,
}
POST_NOMINALS = frozenset(
    _words(
        "ACA BSc CBE CPFA DBE DL FCA FCCA FCPFA FRICS JP KBE KC MA MBE MEP MP MRTPI MSc OBE PhD QC"
    )
)

# Capitalised council vocabulary that is never part of a personal name.
NON_NAME_WORDS = frozenset(
    _words(
        """
        act adult adults agency agenda ambassador ambassadors annual app appendix apps april
        assessment august authorities authority background board boards borough budget cabinet
        capital care carer carers chair chairman change child children christmas city climate
        college committee committees conclusion conference consultation contact corporate
        council councils county crime day december department director directors disorder
        district education email equalities equality event events executive families family
        february feedback finance financial foster fostering framework friday government group
        groups health housing impact introduction item items january july june lead leads leaver
        leavers legal local manager managers march may member members ministry minutes monday
        month national network november october office officer officers outcomes page pages
        panel panels paragraph parenting parish parliament participation partnership people
        performance plan plans pledge policy professionals programme programmes quarter question
        questions recommendation recommendations reflections register report reports revenue
        review reviews safeguarding saturday school schools section september service services
        social spots staff statement strategic strategies strategy summary sunday survey task
        team teams tel thursday transport trust tuesday unit update video visit visits vote
        voting web website wednesday week worker workers year young youth lodge house hall
        centre center court home homes road street lane avenue park castle room building square
        therapy awareness
        """
    )
)

# Heads of organisation names: a capitalised phrase ending in one is an organisation.
ORG_HEADS = frozenset(
    _words(
        """
        academy agency alliance association authority board ccg charity cic college commission
        committee company consortium constabulary council councils court department directorate
        executive federation forum foundation group icb inspectorate institute limited llp ltd
        network nhs office panel parliament partnership plc police school service services
        society team tribunal trust union university
        """
    )
)

# nouns for things and activities: a phrase ending in one names a document or event, not a body
THING_NOUNS = frozenset(
    _words(
        """
    strategy strategies plan plans manual report reports review reviews feedback update updates
    survey surveys guidance policy policies framework protocol pledge offer tax project projects
    campaign toolkit assessment assessments visit visits event events conference day meeting
    meetings workshop workshops slides voting letter statement challenge guardianship outline
    mentor ambassador officer worker adviser advisor manager lead leader director member carer
    chair chairman head order orders decision decisions constitution expression interest
    state bill
        """
    )
)

# plural nouns for groups of people: a capitalised phrase ending in one is not an organisation
PEOPLE_PLURALS = frozenset(
    _words(
        """
        councillors members officers ambassadors leavers carers workers advisers advisors visitors
        interviewers managers leaders directors parents children people pupils students residents
        practitioners professionals partners inspectors teachers governors volunteers mentors
        """
    )
)
