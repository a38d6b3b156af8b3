import type { TextBook } from './demo-types.js';

/** What residents who write in English send: fewer of them, about the things newcomers notice. */
export const enBook: TextBook = {
  roads: {
    closers: ['Could you please fix it?', 'Thank you!'],
    scenarios: [
      {
        scene: 'road',
        titles: ['Potholes on the {road} road', 'Deep potholes at km {km} of the {road} road'],
        openers: ['There are several deep potholes on the {road} road at about km {km}.'],
        details: [
          'A neighbour burst a tyre there yesterday.',
          'You cannot see them at night when they are full of water.',
        ],
        locations: ['{road} road, km {km}'],
        fixed: ['Bedres aizlāpītas.'],
        months: [3, 4, 5, 6, 7, 8, 9, 10, 11],
      },
      {
        scene: 'road',
        titles: ['Broken asphalt on {street} iela'],
        openers: ['The asphalt on {street} iela in {centre} is full of holes after the winter.'],
        details: ['Parents with prams have to walk on the road.', 'Cars splash pedestrians when it rains.'],
        locations: ['{street} iela {no}, {centre}'],
        fixed: ['Asfalts salabots.'],
      },
    ],
  },
  'street-lighting': {
    closers: ['Thanks!', 'Please repair it.'],
    scenarios: [
      {
        scene: 'lamp',
        titles: ['Street light out near the school'],
        openers: ['The street light by the school in {centre} has been out for two weeks.'],
        details: ['Children walk to school in the dark.'],
        locations: ['by the school, {centre}'],
        fixed: ['Spuldze nomainīta.'],
      },
      {
        scene: 'lamp',
        titles: ['Street lights on all day'],
        openers: ['The street lights on {street} iela in {centre} stay on all day.'],
        details: ['Probably a broken light sensor.'],
        locations: ['{street} iela, {centre}'],
        fixed: ['Nomainīts apgaismojuma sensors.'],
      },
    ],
  },
  waste: {
    closers: ['Thank you.', 'Please clean it up.'],
    scenarios: [
      {
        scene: 'dump',
        titles: ['Rubbish dumped at the forest edge'],
        openers: ['Someone dumped a trailer load of building rubble at the forest edge by the {road} road.'],
        details: ['It appeared last weekend.', 'There are asbestos roof sheets in it too.'],
        locations: ['forest edge by the {road} road, km {km}'],
        fixed: ['Atkritumi savākti.'],
      },
      {
        scene: 'dump',
        titles: ['Old tyres by the lake'],
        openers: ['There are old tyres and bags of rubbish on the shore of {lake}.'],
        details: ['Animals are already tearing the bags open.', 'Children swim there in summer.'],
        locations: ['shore of {lake}, near {centre}'],
        fixed: ['Atkritumi savākti.'],
      },
    ],
  },
  environment: {
    closers: ['Thanks!'],
    scenarios: [
      {
        scene: 'tree',
        titles: ['Fallen tree across the road'],
        openers: ['A big birch fell across the {road} road near km {km} in last night’s storm.'],
        details: ['Cars are driving around it through the ditch.'],
        locations: ['{road} road, km {km}'],
        fixed: ['Koks novākts.'],
      },
    ],
  },
  youth: {
    closers: ['We are happy to help!', 'What do you think?'],
    scenarios: [
      {
        scene: 'field',
        titles: ['Idea: a volleyball net at the beach'],
        openers: [
          'Lots of young people meet at the beach on {lake} in summer; a volleyball net would be great.',
        ],
        details: ['We could help to set it up ourselves.', 'The posts are already there.'],
        locations: ['beach on {lake}, {centre}'],
        fixed: ['Tīkls uzstādīts.'],
        months: [4, 5, 6, 7, 8],
      },
      {
        titles: ['Idea: an English conversation club'],
        openers: ['Some of us could run a free English conversation club in the {centre} library.'],
        details: ['Once a week in the evening would be enough.', 'Several pupils have already asked.'],
        locations: ['library, {centre}'],
        fixed: ['Klubs sāks darbu nākamajā mēnesī.'],
      },
    ],
  },
  transport: {
    closers: ['Thank you.'],
    scenarios: [
      {
        titles: ['No timetable at the bus stop'],
        openers: ['The bus stop "{centre}" has no timetable posted.'],
        details: ['Older people do not know when the bus comes.'],
        locations: ['bus stop "{centre}"'],
        fixed: ['Saraksts izlikts.'],
      },
      {
        scene: 'busstop',
        titles: ['Broken glass at the bus stop'],
        openers: ['The glass of the bus shelter "{centre}" on the {road} road is smashed.'],
        details: ['There is broken glass all over the ground.'],
        locations: ['bus stop "{centre}", {road} road'],
        fixed: ['Stikls nomainīts.'],
      },
    ],
  },
  other: {
    closers: ['Thanks!'],
    scenarios: [
      {
        titles: ['Public Wi-Fi in the library is down'],
        openers: ['The public internet in the {centre} library has not worked for a month.'],
        details: ['Older residents come there to use e-services.'],
        locations: ['library, {centre}'],
        fixed: ['Internets atjaunots.'],
      },
    ],
  },
};
