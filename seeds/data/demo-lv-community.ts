import type { TextBook } from './demo-types.js';

/**
 * What residents write in Latvian about waste, nature, animals, ideas, and people who need help.
 * As in demo-lv-infrastructure.ts, each scenario is one problem in one place.
 */
export const lvCommunity: TextBook = {
  waste: {
    closers: ['Lūdzu sakārtot.', 'Paldies!', 'Lūdzu kaut ko darīt lietas labā.'],
    scenarios: [
      {
        scene: 'bins',
        titles: [
          'Pārpildīti konteineri pie {gen} kapiem',
          'Kapos netiek izvesti atkritumi',
          'Atkritumi pie {gen} kapiem',
        ],
        openers: [
          'Pie {gen} kapiem atkritumu konteineri ir pārpildīti, vainagi un sveču trauki jau uz zemes.',
          'Pie {gen} kapiem konteineri nav izvesti vismaz trīs nedēļas.',
          'Pie {gen} kapiem atkritumi sakrauti kaudzē blakus konteineriem.',
        ],
        details: [
          'Vējš iznēsā plastmasas ziedus pa visiem kapiem.',
          'Nākamsvētdien ir kapusvētki, un atbrauks daudz cilvēku.',
          'Konteinerus acīmredzot pieber arī kaimiņu mājsaimniecības.',
        ],
        locations: ['{gen} kapi, pie ieejas', '{gen} kapi, konteineru laukums'],
        closers: ['Lūdzu izvest atkritumus.', 'Varbūt var uzlikt vēl vienu konteineru?'],
        fixed: ['Konteineri iztukšoti, uzstādīts vēl viens konteiners.', 'Atkritumi izvesti.'],
        months: [5, 6, 7, 8, 9, 10, 11],
      },
      {
        scene: 'bins',
        titles: ['Nav izvesti šķirošanas konteineri', 'Pārpildīti konteineri {street} ielā'],
        openers: [
          'Šķirošanas konteineri {street} ielā {loc} nav izvesti divas nedēļas.',
          'Pie daudzdzīvokļu mājām {street} ielā {loc} konteineri ir pilni līdz malām.',
        ],
        details: ['Kaķi un vārnas izvelk maisus.', 'Maisi jau stāv blakus konteineriem.'],
        locations: ['{centre}, {street} iela {no}', '{centre}, konteineru laukums {street} ielā'],
        closers: ['Lūdzu izvest.'],
        fixed: ['Konteineri iztukšoti, izvedējs informēts par grafiku.'],
      },
      {
        scene: 'dump',
        titles: ['Nelegāla izgāztuve meža malā', 'Būvgruži ceļmalā'],
        openers: [
          'Meža malā pie ceļa {road} kāds izgāzis veselu piekabi ar būvgružiem.',
          'Pie ceļa {road} meža malā izmesti būvgruži un vecas riepas.',
        ],
        details: ['Tur ir arī eternīta loksnes.', 'Tas parādījās pagājušajā nedēļas nogalē.'],
        locations: ['meža mala pie ceļa {road}, {km}. km'],
        fixed: ['Atkritumi savākti un aizvesti.', 'Atkritumi izvesti, vietā uzstādīta videokamera.'],
      },
      {
        scene: 'dump',
        titles: ['Atkritumi ezera krastā', 'Izmesti maisi pie ezera'],
        openers: ['Pie {lake} krasta kāds atstājis maisus ar sadzīves atkritumiem un riepas.'],
        details: ['Maisus jau plēš meža dzīvnieki.', 'Vasarā tur peldas bērni.'],
        locations: ['{lake} krasts pie {gen}'],
        fixed: ['Atkritumi savākti.'],
      },
    ],
  },
  environment: {
    closers: ['Lūdzu apskatīt.', 'Paldies!'],
    scenarios: [
      {
        scene: 'tree',
        titles: ['Nokritis koks pāri ceļam', 'Vētrā nogāzts koks uz ceļa {road}'],
        openers: [
          'Pēc nakts vētras pāri ceļam {road} pie {km}. km nogāzies liels bērzs.',
          'Uz ceļa {road} ap {km}. kilometru nogāzies koks, var izbraukt tikai pa grāvi.',
        ],
        details: ['Naktī to nevar pamanīt.', 'Skolas autobuss netiek garām.'],
        locations: ['ceļš {road}, {km}. km'],
        closers: ['Lūdzu steidzami novākt.'],
        fixed: ['Koks sazāģēts un novākts.', 'Koks novākts, ceļš brīvs.'],
      },
      {
        scene: 'tree',
        titles: ['Koks uzkritis vadiem', 'Koks uz vadiem {street} ielā'],
        openers: ['{street} ielā {loc} vecs osis uzkritis vadiem.'],
        details: ['Vadi nokārušies gandrīz līdz zemei.', 'Dažām mājām nav elektrības.'],
        locations: ['{centre}, {street} iela {no}'],
        fixed: ['Koks novākts; par vadiem informēts elektrotīklu uzņēmums.'],
      },
      {
        scene: 'tree',
        titles: ['Bīstams koks pie pieturas', 'Sauss koks var uzkrist pieturai'],
        openers: ['Pie {gen} autobusa pieturas ir sauss, sašķiebies koks.'],
        details: ['Ar katru vētru tas sasveras vairāk.', 'Pieturā katru rītu gaida bērni.'],
        locations: ['{gen} autobusa pietura'],
        closers: ['Lūdzu nozāģēt.'],
        fixed: ['Bīstamais koks nozāģēts.'],
      },
      {
        scene: 'water',
        titles: ['Bebri appludinājuši ceļu', 'Bebru dambis pie caurtekas'],
        openers: ['Bebri uzbūvējuši dambi pie caurtekas, un ceļš aiz {gen} ir zem ūdens.'],
        details: ['Ūdens uz ceļa ir jau kādus 20 cm.', 'Pļavas abās pusēs ceļam applūdušas.'],
        locations: ['ceļš aiz {gen}, caurteka pie upītes'],
        fixed: ['Dambis nojaukts, caurteka iztīrīta.'],
        months: [4, 5, 6, 7, 8, 9, 10],
      },
      {
        scene: 'field',
        titles: ['Latvānis izplešas', 'Latvāņi ceļmalā'],
        openers: ['Ceļmalā pie {gen} izplešas Sosnovska latvānis.'],
        details: ['Bērni tur staigā un var apdedzināties.', 'Pērn to bija mazāk.'],
        locations: ['ceļmala pie {gen}, ceļš {road}'],
        fixed: ['Latvāņi nopļauti un apstrādāti.'],
        months: [5, 6, 7, 8],
      },
      {
        scene: 'field',
        titles: ['Nenopļauta zāle parkā'],
        openers: ['{gen} parkā zāle nav pļauta visu vasaru.'],
        details: ['Zāle jau līdz ceļiem.', 'Parkā vairs nevar pastaigāties.'],
        locations: ['{gen} parks'],
        fixed: ['Parks nopļauts.'],
        months: [6, 7, 8, 9],
      },
    ],
  },
  animals: {
    closers: ['Lūdzu kaut ko darīt.', 'Paldies!'],
    scenarios: [
      {
        scene: 'dog',
        titles: ['Klaiņojoši suņi pie skolas', 'Suņi bez saimnieka pie {gen} skolas'],
        openers: ['Pie {gen} skolas jau nedēļu klīst trīs lieli suņi bez kaklasiksnām.'],
        details: ['Bērni baidās iet uz skolu.', 'Saimnieku neviens nepazīst.'],
        locations: ['pie {gen} skolas'],
        fixed: ['Suņi noķerti un nogādāti dzīvnieku patversmē.'],
      },
      {
        scene: 'dog',
        titles: ['Suņu bars pie pieturas'],
        openers: ['Pie {gen} autobusa pieturas rītos uzturas suņu bars.'],
        details: ['Vakar suņi aplenca velosipēdistu.', 'Cilvēki baidās gaidīt autobusu.'],
        locations: ['{gen} autobusa pietura'],
        fixed: ['Suņi noķerti un nogādāti dzīvnieku patversmē.'],
      },
      {
        scene: 'dog',
        titles: ['Agresīvs suns uz ielas', 'Suns metas virsū garāmgājējiem'],
        openers: ['{street} ielā {loc} skraida liels suns, kas rej un metas virsū garāmgājējiem.'],
        details: ['Saimnieku neviens nepazīst.', 'Bērni baidās iet garām.'],
        locations: ['{centre}, {street} iela'],
        fixed: ['Suņa saimnieks atrasts un brīdināts.'],
      },
      {
        titles: ['Pamesti kaķēni pie veikala'],
        openers: ['Pie {gen} veikala kastē kāds atstājis piecus kaķēnus.'],
        details: ['Tie ir pavisam mazi un salst.'],
        locations: ['pie {gen} veikala'],
        closers: ['Lūdzu palīdzēt.'],
        fixed: ['Kaķēni nodoti patversmei.'],
      },
      {
        titles: ['Mežacūkas izrakņājušas kapus'],
        openers: ['Mežacūkas naktīs izrakņā {gen} kapus.'],
        details: ['Sēta vienā vietā ir izgāzta.', 'Vairākas kopiņas izpostītas.'],
        locations: ['{gen} kapi'],
        fixed: ['Kapu sēta salabota.'],
      },
    ],
  },
  youth: {
    closers: ['Mēs paši esam gatavi palīdzēt!', 'Ko par to domājat?', 'Paldies, ja atbalstīsiet!'],
    scenarios: [
      {
        scene: 'field',
        titles: ['Ideja: āra trenažieri pie skolas', 'Āra trenažieri jauniešiem'],
        openers: ['Mēs, {gen} jaunieši, gribētu, lai pie skolas uzstāda dažus āra trenažierus.'],
        details: ['Vietu varētu ņemt vecajā sporta laukumā, kas stāv tukšs.', 'Esam savākuši 40 parakstus.'],
        locations: ['pie {gen} skolas'],
        fixed: ['Ideja iekļauta budžetā, trenažieri uzstādīti.'],
      },
      {
        scene: 'field',
        titles: ['Ideja: skeitparks', 'Rampas skrituļdēļiem'],
        openers: ['{loc} nav kur braukt ar skrituļdēli, vajadzētu vismaz dažas rampas.'],
        details: [
          'Varētu pieteikties jauniešu iniciatīvu projektu konkursā.',
          'Rampas varam palīdzēt uzbūvēt paši.',
        ],
        locations: ['{gen} centrs, vecais sporta laukums'],
        fixed: ['Rampas uzstādītas, paldies par ideju!'],
      },
      {
        titles: ['Ideja: kino vakari tautas namā'],
        openers: ['{gen} tautas namā varētu reizi mēnesī rīkot kino vakarus.'],
        details: ['Projektors tautas namā jau ir.', 'Filmu izvēlē varam palīdzēt.'],
        locations: ['{gen} tautas nams'],
        fixed: ['Pirmais kino vakars notiks nākamajā piektdienā!'],
      },
      {
        titles: ['Jauniešu istaba', 'Ideja: vieta, kur satikties ziemā'],
        openers: ['Jauniešiem {loc} nav kur satikties ziemā, varbūt var atvērt jauniešu istabu?'],
        details: ['Mēs paši varam sakopt telpu.', 'Tautas namā ir tukša telpa otrajā stāvā.'],
        locations: ['{gen} tautas nams'],
        fixed: ['Jauniešu istaba atvērta tautas nama otrajā stāvā.'],
      },
      {
        scene: 'field',
        titles: ['Volejbola tīkls pludmalē'],
        openers: ['Pie {lake} pludmalē vajadzētu volejbola tīklu.'],
        details: ['Vasarā tur sanāk daudz jauniešu.', 'Stabi tur jau ir.'],
        locations: ['pludmale pie {lake}'],
        fixed: ['Tīkls uzstādīts.'],
        months: [4, 5, 6, 7, 8],
      },
    ],
  },
  other: {
    closers: ['Paldies!', 'Lūdzu apsvērt.'],
    scenarios: [
      {
        titles: ['Trokšņo kokzāģētava naktīs'],
        openers: ['Kokzāģētava pie {gen} strādā līdz pusnaktij.'],
        details: ['Nevar izgulēties.', 'Tā jau vairākas nedēļas.'],
        locations: ['{centre}, {street} iela'],
      },
      {
        titles: ['Pazudusi pastkaste'],
        openers: ['No {gen} centra noņemta pastkaste.'],
        details: ['Senioriem tagad vēstules jāved uz citu ciemu.'],
        locations: ['{gen} centrs'],
      },
      {
        scene: 'building',
        titles: ['Vajag tualeti pie kapiem'],
        openers: ['Pie {gen} kapiem nav tualetes, lai gan kapusvētkos sabrauc simtiem cilvēku.'],
        details: ['Būtu labi vismaz pārvietojamā tualete.'],
        locations: ['{gen} kapi'],
        fixed: ['Uzstādīta pārvietojamā tualete.'],
      },
      {
        titles: ['Nestrādā bibliotēkas interneta punkts'],
        openers: ['{gen} bibliotēkā jau mēnesi nestrādā publiskais internets.'],
        details: ['Seniori nāk kārtot e-pakalpojumus.'],
        locations: ['{gen} bibliotēka'],
        fixed: ['Internets atjaunots.'],
      },
    ],
  },
  'elderly-help': {
    closers: ['Lūdzu, sazinieties ar mani.', 'Ceru uz palīdzību.', 'Paldies.'],
    scenarios: [
      {
        titles: ['Vientuļai kaimiņienei vajadzīga palīdzība ar malku'],
        openers: ['Mana kaimiņiene {street} ielā, 86 gadi, dzīvo viena, un viņai beigusies malka.'],
        details: ['Radinieki dzīvo Īrijā.', 'Es palīdzu, cik varu, bet pati strādāju Rēzeknē.'],
        locations: ['{centre}, {street} iela'],
      },
      {
        titles: ['Kaimiņš ziemā nevar sagādāt malku'],
        openers: ['Vecs kungs no mājām aiz {gen} vairs pats nespēj saskaldīt malku.'],
        details: ['Viņš dzīvo viens, bērni ārzemēs.', 'Līdz ziemai palicis maz laika.'],
        locations: ['mājas aiz {gen}'],
      },
      {
        titles: ['Nav, kas aizved pie ārsta', 'Vajadzīgs transports uz slimnīcu'],
        openers: [
          'Mana mamma dzīvo {loc} un nākamnedēļ viņai jābūt pie ārsta Rēzeknē.',
          'Kaimiņienei {loc} nav, kas aizved uz slimnīcu uz pārbaudēm.',
        ],
        details: ['Autobuss no mūsu gala neiet.', 'Taksometrs uz Rēzekni ir par dārgu.'],
        locations: ['{centre}', '{centre}, {street} iela'],
      },
      {
        titles: ['Palīdzība ar iepirkšanos', 'Kaimiņš vairs neiziet no mājām'],
        openers: [
          'Kaimiņš {street} ielā pēc kritiena vairs neiziet no mājām, un nav, kas atnes pārtiku.',
          'Vecāka kundze {street} ielā {loc} lūdza palīdzēt ar iepirkšanos reizi nedēļā.',
        ],
        details: ['Veikals ir divu kilometru attālumā.', 'Nevēlas traucēt, bet es redzu, ka ir grūti.'],
        locations: ['{centre}, {street} iela'],
      },
    ],
  },
  'social-other': {
    closers: ['Lūdzu, pievērsiet uzmanību.', 'Paldies.'],
    scenarios: [
      {
        titles: ['Ģimenei atslēgta elektrība', 'Ģimene ar bērniem bez apkures'],
        openers: [
          'Ģimenei ar trim bērniem {street} ielā {loc} atslēgta elektrība parādu dēļ.',
          'Ģimene ar bērniem {street} ielā dzīvo mājā, kur nav kurināmā.',
        ],
        details: ['Bērni iet uz {gen} skolu.', 'Ārā jau salst.'],
        locations: ['{centre}, {street} iela'],
      },
      {
        titles: ['Pusaudzis neiet uz skolu'],
        openers: ['Kaimiņu puika jau mēnesi nav redzēts {gen} skolā.'],
        details: ['Nezinu, kam citam par to pateikt.', 'Vecāki strādā ārzemēs, viņš dzīvo pie vecmāmiņas.'],
        locations: ['{centre}'],
      },
      {
        titles: ['Bērni bieži vieni mājās'],
        openers: ['Kaimiņu mazie bērni {street} ielā vakaros bieži ir vieni mājās.'],
        details: ['Vecāki strādā maiņās.', 'Nezinu, kam citam par to pateikt.'],
        locations: ['{centre}, {street} iela'],
      },
    ],
  },
};
