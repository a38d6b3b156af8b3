import type { TextBook } from './demo-types.js';

/**
 * What residents write in Latvian about roads, lights, water, snow, buildings and buses. Within a
 * scenario every title, opener, detail and location fits every other: it is one problem in one place.
 */
export const lvInfrastructure: TextBook = {
  roads: {
    closers: ['Lūdzu apskatīt un salabot.', 'Paldies jau iepriekš!', 'Ceru uz ātru risinājumu.'],
    scenarios: [
      {
        scene: 'road',
        titles: [
          'Dziļas bedres uz ceļa {road}',
          'Bedres ceļa {road} {km}. kilometrā',
          'Bīstamas bedres uz ceļa {road}',
        ],
        openers: [
          'Uz ceļa {road} pie {km}. km ir vairākas dziļas bedres, dažas gandrīz pa visu joslas platumu.',
          'Ceļa {road} posmā ap {km}. kilometru pēc ziemas asfalts ir sadrupis.',
          'Uz ceļa {road} ap {km}. kilometru bedres kļūst lielākas ar katru nedēļu.',
        ],
        details: [
          'Vakar kaimiņš tur pārsita riepu.',
          'Vakarā bedres nav redzamas, jo tās ir pilnas ar ūdeni.',
          'Pa šo ceļu katru rītu brauc skolas autobuss.',
          'Mašīnas brauc pa pretējo joslu, lai apbrauktu bedres, un tas ir bīstami.',
          'Lielākā bedre ir apmēram pusmetru plata un kādus 15 cm dziļa.',
          'Pagājušajā gadā bedres aizlāpīja, bet tās atkal ir vaļā.',
        ],
        locations: ['ceļš {road}, {km}. km', 'ceļš {road}, ap {km}. kilometru'],
        closers: [
          'Lūdzu aizlāpīt bedres, pirms kāds sabojā mašīnu.',
          'Varbūt var vismaz uzlikt brīdinājuma zīmi?',
        ],
        fixed: ['Bedres aizlāpītas ar asfalta maisījumu.', 'Bedrīšu remonts šajā posmā pabeigts.'],
        months: [3, 4, 5, 6, 7, 8, 9, 10, 11],
      },
      {
        scene: 'road',
        titles: [
          'Bedres {street} ielā',
          'Izdrupis asfalts {street} ielā',
          'Bedre pie mājas {street} ielā {no}',
        ],
        openers: [
          '{street} ielā {loc} pēc ziemas ir izveidojušās bedres, kurās stāv ūdens.',
          'Pie mājas {street} ielā {no} asfaltā ir liela bedre tieši pie iebrauktuves.',
          '{street} ielā {loc}, pie mājas nr. {no}, asfalts ir izdrupis.',
        ],
        details: [
          'Gājējiem jāiet pa braucamo daļu, jo ietve ir applūdusi.',
          'Garāmbraucošās mašīnas apšļaksta gājējus un mājas sienu.',
          'Ielā ir bērnudārzs, un vecāki ar ratiem grūti var pabraukt garām.',
          'Naktī tur ir tumšs, un bedri nevar redzēt.',
        ],
        locations: ['{centre}, {street} iela {no}', '{street} iela pie mājas nr. {no}, {centre}'],
        closers: ['Lūdzu aizlāpīt.'],
        fixed: ['Bedres aizlāpītas.', 'Asfalts salabots, paldies par pacietību.'],
      },
      {
        scene: 'gravel',
        titles: [
          'Izskalots ceļš uz {gen} kapiem',
          'Ceļš uz kapiem kā veļas dēlis',
          'Ceļu uz {gen} kapiem vajag greiderēt',
        ],
        openers: [
          'Grants ceļš no {gen} centra uz kapiem pēc lietavām ir izskalots, vietām palikušas dziļas rises.',
          'Ceļš uz {gen} kapiem ir kā veļas dēlis, braukt var tikai soļos.',
          'Grants ceļš uz {gen} kapiem ir tik izbraukāts, ka lietus laikā tajā stāv ūdens.',
        ],
        details: [
          'Ceļu pēdējo reizi greiderēja pagājušajā rudenī.',
          'Pa šo ceļu brauc arī vairākas ģimenes, kas dzīvo aiz kapiem.',
          'Ceļmalas grāvji aizauguši, ūdens netek prom.',
          'Drīz būs kapusvētki, un uz kapiem brauks daudz cilvēku.',
        ],
        locations: ['grants ceļš no {gen} centra uz kapiem', 'ceļš uz {gen} kapiem'],
        closers: ['Lūdzu nogreiderēt ceļu pirms kapusvētkiem.', 'Lūdzu uzbērt granti un nogreiderēt.'],
        fixed: ['Ceļš nogreiderēts un vietām uzbērta grants.', 'Ceļš nogreiderēts, grāvji iztīrīti.'],
        months: [4, 5, 6, 7, 8, 9, 10],
      },
      {
        scene: 'gravel',
        titles: ['Meža tehnika izbraukājusi ceļu', 'Pēc ciršanas ceļš nav izbraucams'],
        openers: [
          'Pēc meža izstrādes aiz {gen} smagā tehnika izbraukājusi pašvaldības ceļu.',
          'Kokvedēji jau mēnesi brauc pa pašvaldības ceļu aiz {gen}, un ceļš ir pilnībā izdangāts.',
        ],
        details: [
          'Risēs var iesēsties ar vieglo mašīnu.',
          'Ātrā palīdzība līdz mūsu mājām netiktu.',
          'Mežizstrādātājs solīja ceļu savest kārtībā, bet nekas nav darīts.',
        ],
        locations: ['pašvaldības ceļš aiz {gen}, meža posms', 'ceļš no {gen} uz mežu, aiz pēdējām mājām'],
        fixed: ['Mežizstrādātājs ceļu atjaunoja pēc pārvaldes uzaicinājuma.'],
      },
      {
        titles: ['Nolauzta ceļa zīme', 'Apgāzta ceļa zīme pie pagrieziena uz {acc}'],
        openers: [
          'Pie pagrieziena uz {acc} no ceļa {road} zīme ir apgāzta grāvī.',
          'Pie pagrieziena uz {acc} no ceļa {road} nolauzta zīme "Galvenais ceļš".',
        ],
        details: [
          'Vasarā te brauc daudz tūristu, kas ceļu nepazīst.',
          'Zīme guļ tur jau kopš pagājušās vētras.',
          'Nedēļas laikā tur jau divreiz gandrīz notika avārija.',
        ],
        locations: ['pagrieziens uz {acc} no ceļa {road}'],
        closers: ['Lūdzu uzstādīt zīmi atpakaļ.'],
        fixed: ['Zīme uzstādīta atpakaļ.'],
      },
      {
        titles: ['Krūmi aizsedz redzamību krustojumā', 'Krustojumā pie skolas neko nevar redzēt'],
        openers: [
          'Krustojumā pie {gen} skolas krūmi tā saauguši, ka nevar redzēt mašīnas no blakusceļa.',
          'Izbraucot no {street} ielas pie {gen} skolas, krūmu dēļ nekas nav redzams.',
        ],
        details: [
          'Nedēļas laikā tur jau divreiz gandrīz notika avārija.',
          'Pa šo krustojumu bērni iet uz skolu.',
        ],
        locations: ['krustojums pie {gen} skolas', '{street} ielas krustojums pie {gen} skolas'],
        closers: ['Lūdzu izcirst krūmus.'],
        fixed: ['Krūmi krustojumā izcirsti.'],
      },
      {
        titles: ['Nav ietves ceļā uz skolu', 'Bērniem uz skolu jāiet pa šoseju'],
        openers: [
          'No {street} ielas līdz {gen} skolai nav ne ietves, ne ceļmalas, pa kuru iet.',
          'Bērni no {street} ielas uz {gen} skolu iet pa braucamo daļu, jo ietves nav.',
        ],
        details: [
          'Rudenī un ziemā rītos ir tumšs, un mašīnas brauc ātri.',
          'Vismaz gājēju celiņš gar grāvi būtu liels atvieglojums.',
        ],
        locations: ['no {street} ielas līdz {gen} skolai'],
        fixed: ['Izbūvēts grants gājēju celiņš līdz skolai.'],
      },
    ],
  },
  'street-lighting': {
    closers: ['Lūdzu salabot.', 'Paldies!', 'Lūdzu pārbaudīt.'],
    scenarios: [
      {
        scene: 'lamp',
        titles: ['Nedeg ielas lampa pie skolas', 'Tumšs pie {gen} skolas'],
        openers: [
          'Jau otro nedēļu nedeg ielas lampa pie {gen} skolas ieejas.',
          'Pie {gen} skolas nedeg neviena ielas lampa.',
        ],
        details: [
          'Bērni rītos uz skolu nāk pilnīgā tumsā.',
          'Laikam izdegusi spuldze, jo stabs izskatās vesels.',
          'Pie skolas ir gājēju pāreja, un šoferi gājējus neredz.',
        ],
        locations: ['pie {gen} skolas', '{gen} skola, ieeja no {street} ielas'],
        fixed: ['Spuldze nomainīta, apgaismojums darbojas.', 'Lampa salabota.'],
        months: [1, 2, 3, 9, 10, 11, 12],
      },
      {
        scene: 'lamp',
        titles: ['Nedarbojas apgaismojums {street} ielā', 'Tumsa {street} ielā'],
        openers: [
          '{street} ielā {loc} nedeg divas lampas pēc kārtas.',
          'Visā {street} ielā {loc} jau nedēļu nav apgaismojuma.',
        ],
        details: [
          'Vakaros no tautas nama mājās jāiet ar lukturīti.',
          'Pa ielu vakaros staigā daudz cilvēku ar suņiem.',
          'Kaimiņi domā, ka vētrā bojāts vads.',
        ],
        locations: ['{centre}, {street} iela', '{street} iela, {loc}'],
        fixed: ['Apgaismojums salabots.', 'Bojātais kabelis nomainīts, lampas deg.'],
        months: [1, 2, 3, 9, 10, 11, 12],
      },
      {
        scene: 'lamp',
        titles: ['Nedeg lampa autobusa pieturā', 'Tumša autobusa pietura'],
        openers: [
          'Pie {gen} autobusa pieturas lampa nedarbojas.',
          'Autobusa pieturā "{centre}" ir pilnīgi tumšs.',
        ],
        details: [
          'Bērni rītos gaida skolas autobusu tumsā.',
          'Autobusa šoferis cilvēkus pieturā var nepamanīt.',
        ],
        locations: ['{gen} autobusa pietura', 'pietura "{centre}", ceļš {road}'],
        fixed: ['Spuldze nomainīta.'],
        months: [1, 2, 3, 9, 10, 11, 12],
      },
      {
        scene: 'lamp',
        titles: ['Lampas deg dienā', 'Ielu apgaismojums ieslēgts visu dienu'],
        openers: [
          '{street} ielā {loc} ielu lampas deg visu dienu.',
          '{street} ielā {loc} apgaismojums nav izslēdzies jau trīs dienas.',
        ],
        details: [
          'Laikam salūzis taimeris vai gaismas sensors.',
          'Tā taču tiek tērēta elektrība par mūsu naudu.',
        ],
        locations: ['{centre}, {street} iela', '{street} iela, {loc}'],
        fixed: ['Nomainīts apgaismojuma sensors.'],
      },
      {
        scene: 'lamp',
        titles: ['Sašķiebies apgaismojuma stabs', 'Stabs noliecies pāri ietvei'],
        openers: [
          'Pēc vētras apgaismojuma stabs {street} ielā {loc} stipri noliecies.',
          'Apgaismojuma stabs pie mājas {street} ielā {no} ir sašķiebies, un vads karājas zemu.',
        ],
        details: ['Izskatās, ka tas var nokrist uz ietves.', 'Garām iet bērni uz skolu.'],
        locations: ['{centre}, {street} iela {no}'],
        fixed: ['Stabs nostiprināts, vads pacelts.'],
      },
    ],
  },
  water: {
    closers: ['Lūdzu apskatīt.', 'Lūdzu steidzami novērst.', 'Paldies!'],
    scenarios: [
      {
        scene: 'water',
        titles: ['Tek ūdensvads', 'Ūdens tek pa ielu', 'Plīsusi ūdens caurule {street} ielā'],
        openers: [
          '{street} ielā {loc} no zemes spraucas ūdens, droši vien plīsusi caurule.',
          'Pie mājas {street} ielā {no} pa ielu jau divas dienas tek tīrs ūdens.',
        ],
        details: ['Ūdens spiediens mājā ir kritis.', 'Naktī salst, un iela kļūst slidena.'],
        locations: ['{centre}, {street} iela {no}'],
        fixed: ['Caurule nomainīta, ūdens padeve atjaunota.'],
      },
      {
        scene: 'water',
        titles: ['Trūkst kanalizācijas lūkas vāka', 'Atvērta aka uz ietves'],
        openers: [
          'Uz ietves {street} ielā {loc} nav kanalizācijas lūkas vāka.',
          'Pie mājas {street} ielā {no} aka ir vaļā, vāks nobīdīts.',
        ],
        details: ['Tumsā tur var iekrist cilvēks.', 'Pagaidām tur ielikām zaru, lai būtu redzams.'],
        locations: ['{centre}, {street} iela {no}'],
        fixed: ['Uzlikts jauns lūkas vāks.'],
      },
      {
        titles: ['Brūns ūdens no krāna', 'Ūdenim dīvaina smaka'],
        openers: [
          'Jau nedēļu no krāna mūsu mājā {street} ielā tek brūngans ūdens ar sēra smaku.',
          'Ūdenim no centralizētā ūdensvada {street} ielā {loc} ir brūna krāsa un smaka.',
        ],
        details: ['Bērniem to dzert nedodam, pērkam ūdeni veikalā.', 'Kaimiņiem ir tas pats.'],
        locations: ['{centre}, {street} iela', '{centre}, daudzdzīvokļu mājas {street} ielā'],
        fixed: ['Tīkls izskalots, ūdens analīzes atbilst normām.'],
      },
      {
        scene: 'water',
        titles: ['Aizaudzis grāvis applūdina pagrabus', 'Appludināti pagrabi {street} ielā'],
        openers: ['Grāvis gar {street} ielu {loc} ir aizaudzis, un pēc lietus ūdens nāk pagrabos.'],
        details: ['Pagrabā ūdens stāv jau līdz potītēm.', 'Caurteka zem ielas ir aizsērējusi.'],
        locations: ['{centre}, grāvis gar {street} ielu'],
        fixed: ['Grāvis iztīrīts un caurteka izskalota.'],
      },
    ],
  },
  snow: {
    closers: ['Lūdzu notīrīt.', 'Paldies!'],
    scenarios: [
      {
        scene: 'snow',
        titles: ['Ceļš nav notīrīts', 'Netīrīts ceļš aiz {gen}', 'Sniegs nav tīrīts jau trīs dienas'],
        openers: [
          'Ceļš no {gen} uz mājām pie meža nav tīrīts jau trīs dienas.',
          'Ceļš aiz {gen} līdz pēdējām mājām ir aizputināts.',
        ],
        details: [
          'Ar vieglo mašīnu izbraukt nav iespējams.',
          'Kaimiņienei jātiek pie ārsta uz Rēzekni.',
          'Skolas autobuss mūsu galā neiebrauc.',
        ],
        locations: ['ceļš no {gen} uz mežu', 'ceļš aiz {gen}, līdz pēdējām mājām'],
        fixed: ['Ceļš notīrīts.', 'Sniegs notīrīts, ceļš nokaisīts.'],
        months: [1, 2, 3, 11, 12],
      },
      {
        scene: 'snow',
        titles: ['Netīrīta {street} iela', 'Sniegs {street} ielā nav tīrīts'],
        openers: [
          '{street} ielā {loc} sniegs nav tīrīts kopš sestdienas.',
          '{street} ielā {loc} izbraukātas dziļas sniega rises.',
        ],
        details: ['Seniori nevar aiziet līdz veikalam.', 'Ar vieglo mašīnu izbraukt nav iespējams.'],
        locations: ['{centre}, {street} iela'],
        fixed: ['Iela notīrīta.'],
        months: [1, 2, 3, 11, 12],
      },
      {
        scene: 'snow',
        titles: ['Slidena ietve pie veikala', 'Ledus pie veikala'],
        openers: [
          'Ietve pie {gen} veikala ir viens ledus gabals.',
          'Pie {gen} veikala ir ledus, un nekas nav kaisīts.',
        ],
        details: ['Vakar tur nokrita kāda kundze.', 'Seniori baidās iet uz veikalu.'],
        locations: ['pie {gen} veikala', '{centre}, ietve pie veikala'],
        closers: ['Lūdzu nokaisīt ar smilti.'],
        fixed: ['Ietve nokaisīta ar smilts un sāls maisījumu.'],
        months: [1, 2, 3, 11, 12],
      },
      {
        scene: 'snow',
        titles: ['Sniega kaudze aizsedz redzamību'],
        openers: ['Krustojumā pie {gen} tautas nama sniega kaudze ir tik augsta, ka neredz mašīnas.'],
        details: ['Izbraucot jāizbrauc līdz pusei ceļa.'],
        locations: ['krustojums pie {gen} tautas nama'],
        closers: ['Lūdzu aizvest sniegu.'],
        fixed: ['Sniega kaudze aizvesta.'],
        months: [1, 2, 12],
      },
    ],
  },
  buildings: {
    closers: ['Lūdzu salabot.', 'Lūdzu apskatīt, kamēr neviens nav cietis.', 'Paldies!'],
    scenarios: [
      {
        scene: 'playground',
        titles: ['Salūzušas šūpoles rotaļu laukumā', 'Bīstamas šūpoles pie skolas'],
        openers: [
          'Rotaļu laukumā pie {gen} skolas ir salūzušas šūpoles, ķēde karājas.',
          'Pie {gen} skolas rotaļu laukumā šūpolēm pārtrūkusi viena ķēde.',
        ],
        details: ['Bērni tur spēlējas katru dienu.', 'Sēdeklis karājas šķībi, un bērns var izkrist.'],
        locations: ['rotaļu laukums pie {gen} skolas'],
        fixed: ['Šūpoles salabotas.'],
      },
      {
        scene: 'building',
        titles: ['Tek tautas nama jumts', 'Tautas namā pa griestiem tek ūdens'],
        openers: [
          '{gen} tautas nama lielajā zālē pēc lietus tek jumts.',
          '{gen} tautas namā pa griestiem tek ūdens.',
        ],
        details: ['Uz grīdas saliktas bļodas.', 'Nākamnedēļ zālē būs koncerts.'],
        locations: ['{gen} tautas nams'],
        fixed: ['Jumts salabots.'],
      },
      {
        titles: ['Vaļīgs kāpņu margs pie bibliotēkas'],
        openers: ['Kāpnēm uz {gen} bibliotēku ir vaļīgs margs.'],
        details: ['Seniori turas pie marga, un tas šūpojas.'],
        locations: ['{gen} bibliotēka'],
        fixed: ['Margs nostiprināts.'],
      },
      {
        scene: 'field',
        titles: ['Nolauzts basketbola grozs', 'Salauzts basketbola grozs sporta laukumā'],
        openers: ['Sporta laukumā pie {gen} skolas nolauzts basketbola grozs.'],
        details: ['Vakaros tur pulcējas jaunieši.', 'Puikām nav kur spēlēt.'],
        locations: ['sporta laukums pie {gen} skolas'],
        fixed: ['Uzstādīts jauns grozs.'],
      },
    ],
  },
  transport: {
    closers: ['Lūdzu risināt.', 'Paldies!'],
    scenarios: [
      {
        scene: 'busstop',
        titles: ['Izsists stikls autobusa pieturā', 'Bojāta autobusa pietura "{centre}"'],
        openers: [
          'Autobusa pieturā "{centre}" pie ceļa {road} izsists stikls.',
          'Pieturas "{centre}" nojumei izsists stikls.',
        ],
        details: ['Stikla lauskas mētājas pa zemi.', 'Bērni rītos gaida autobusu lietū un vējā.'],
        locations: ['pietura "{centre}", ceļš {road}'],
        fixed: ['Stikls nomainīts, lauskas savāktas.'],
      },
      {
        titles: ['Nav autobusu saraksta pieturā'],
        openers: ['Pieturā "{centre}" nav izlikts autobusu saraksts.'],
        details: ['Seniori nezina, kad brauc autobuss.', 'Vecais saraksts noplēsts jau pavasarī.'],
        locations: ['pietura "{centre}"'],
        closers: ['Lūdzu izlikt sarakstu.'],
        fixed: ['Saraksts izlikts.'],
      },
      {
        titles: ['Autobuss neapstājas pieturā'],
        openers: ['Rīta autobuss uz Rēzekni pēdējā laikā neapstājas pieturā "{centre}".'],
        details: ['Jāgaida nākamais pēc divām stundām.', 'Tā jau trīs reizes šomēnes.'],
        locations: ['pietura "{centre}", ceļš {road}'],
        closers: ['Lūdzu nodot informāciju pārvadātājam.'],
        fixed: ['Informācija nodota pārvadātājam, autobuss atkal apstājas.'],
      },
      {
        titles: ['Vajadzīgs agrāks autobuss uz Rēzekni'],
        openers: ['No {gen} pirmais autobuss uz Rēzekni pienāk tikai 8:40.'],
        details: ['Cilvēki, kas strādā no astoņiem, nevar tikt uz darbu.', 'Agrāk bija reiss 6:50.'],
        locations: ['{centre}, pietura centrā'],
      },
    ],
  },
};
