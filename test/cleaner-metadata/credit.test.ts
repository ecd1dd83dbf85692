import { describe, expect, it } from 'vitest';
import { findCredit, stripMediaLabel } from '../../cleaner/metadata/index.ts';

// [line, credit, rest, position]
const CREDITS: readonly (readonly [string, string, string, 'whole' | 'prefix' | 'suffix'])[] = [
  ['PHOTO: REUTERS', 'PHOTO: REUTERS', '', 'whole'],
  ['REUTERS/Maja Lind', 'REUTERS/Maja Lind', '', 'whole'],
  ['A crane lifts the old span, April 2, 2025. REUTERS/Maja Lind/File Photo', 'REUTERS/Maja Lind/File Photo', 'A crane lifts the old span, April 2, 2025.', 'suffix'],
  ['[1/3] A crane lifts the old span. REUTERS/Maja Lind Purchase Licensing Rights, opens new tab', 'REUTERS/Maja Lind', '[1/3] A crane lifts the old span.', 'suffix'],
  ['Fishermen mend nets in the harbour, April 2, 2025. (AP Photo/Carl Benning)', '(AP Photo/Carl Benning)', 'Fishermen mend nets in the harbour, April 2, 2025.', 'suffix'],
  ['Fishermen mend nets in the harbour. (AP Photo/Carl Benning, File)', '(AP Photo/Carl Benning, File)', 'Fishermen mend nets in the harbour.', 'suffix'],
  ['The ferry leaves at dawn. Photograph: Ines Moller/The Harbour Post', 'Photograph: Ines Moller/The Harbour Post', 'The ferry leaves at dawn.', 'suffix'],
  ['The ferry leaves at dawn. Photo: Ines Moller', 'Photo: Ines Moller', 'The ferry leaves at dawn.', 'suffix'],
  ['Image source, Northmoor District Council', 'Image source, Northmoor District Council', '', 'whole'],
  ['Image copyright Getty Images', 'Image copyright Getty Images', '', 'whole'],
  ['Shares fell after the results. Photograph by Ana Ruiz/AFP/Getty Images', 'Photograph by Ana Ruiz/AFP/Getty Images', 'Shares fell after the results.', 'suffix'],
  ['The lander in the clean room. Credit: Lunarworks', 'Credit: Lunarworks', 'The lander in the clean room.', 'suffix'],
  ['Eine Helferin sortiert Spenden. Foto: Lena Krug/dpa', 'Foto: Lena Krug/dpa', 'Eine Helferin sortiert Spenden.', 'suffix'],
  ['Foto: dpa', 'Foto: dpa', '', 'whole'],
  ['Voluntarios limpian la playa de Bastiagueiro. EFE/Marta Souto', 'EFE/Marta Souto', 'Voluntarios limpian la playa de Bastiagueiro.', 'suffix'],
  ['除雪車が出発する様子＝４日午前、西川原町（共同）', '（共同）', '除雪車が出発する様子＝４日午前、西川原町', 'suffix'],
  ['Credit: SWNS', 'Credit: SWNS', '', 'whole'],
  ['Getty Images', 'Getty Images', '', 'whole'],
  ['AFP via Getty Images', 'AFP via Getty Images', '', 'whole'],
  ['Protesters gather outside parliament. Jean Morel/AFP via Getty Images', 'Jean Morel/AFP via Getty Images', 'Protesters gather outside parliament.', 'suffix'],
  ['The striker celebrates his goal. Tom Ashby/PA Wire/PA Images', 'Tom Ashby/PA Wire/PA Images', 'The striker celebrates his goal.', 'suffix'],
  ['© Ines Moller', '© Ines Moller', '', 'whole'],
  ['Picture: Northmoor Police', 'Picture: Northmoor Police', '', 'whole'],
  ['Bild: Lena Krug', 'Bild: Lena Krug', '', 'whole'],
  ['A stray goat on the bypass. (Image: Northmoor Police)', '(Image: Northmoor Police)', 'A stray goat on the bypass.', 'suffix'],
  ['The author on the coast path. (Photo by Carl Benning for The Harbour Post)', '(Photo by Carl Benning for The Harbour Post)', 'The author on the coast path.', 'suffix'],
  ['The new lock screen. (Image credit: Gadgetry / Ines Moller)', '(Image credit: Gadgetry / Ines Moller)', 'The new lock screen.', 'suffix'],
  ['(AP Photo/Carl Benning, File) Fishermen mend nets in the harbour.', '(AP Photo/Carl Benning, File)', 'Fishermen mend nets in the harbour.', 'prefix'],
  ['Photo: Ines Moller | The ferry leaves at dawn', 'Photo: Ines Moller', 'The ferry leaves at dawn', 'prefix'],
  ['Carl Benning/The Harbour Post', 'Carl Benning/The Harbour Post', '', 'whole'],
  ['사진=연합뉴스', '사진=연합뉴스', '', 'whole'],
  ['除雪車が出発する様子（写真：共同）', '（写真：共同）', '除雪車が出発する様子', 'suffix'],
  ['Фото: Ирина Соколова', 'Фото: Ирина Соколова', '', 'whole'],
  ['The harbour at night. Photograph: Courtesy of Northmoor Council', 'Photograph: Courtesy of Northmoor Council', 'The harbour at night.', 'suffix'],
];

describe('findCredit', () => {
  it.each(CREDITS)('%j', (line, credit, rest, position) => {
    expect(findCredit(line)).toEqual({ credit, rest, position });
  });

  it('returns the credit exactly as it appears in the line', () => {
    for (const [line] of CREDITS) {
      const found = findCredit(line);
      expect(line.includes(found?.credit ?? '\u0000')).toBe(true);
    }
  });

  it.each([
    ['© 2025 The Harbour Post. All rights reserved.'],
    ['© dpa-infocom, dpa:250404-930-112233/1'],
    ['Tip: take a photo of each step before you unscrew anything.'],
    ['He said the photo: a man on a bike was fake.'],
    ['The ministry said so. Photo: The minister said nothing. It was late.'],
    ['Oslo/Bergen rail talks stall'],
    ['She moved to Harrisburg/PA last year'],
    ['Les pêcheurs reprendront la mer lundi. (AFP)'],
    ['The union will meet again on Thursday.'],
    ['FILE PHOTO: A crane lifts the old span'],
    ['Northmoor Girl Talks Her Way Out Of Trouble (Photos)'],
    ['Photos: Million-dollar cars for auction'],
    ['Image: Jose Ramos, left, has replaced Ben Ode as manager of the club'],
    ['ABOUT ME/CONTACT'],
    ['View PDF/Print Mode'],
    ['Reservation Method/Rule'],
    ['Harbour News © Copyright Harbour Media, Inc.'],
    [''],
  ])('no credit in %j', (line) => {
    expect(findCredit(line)).toBeNull();
  });
});

describe('stripMediaLabel', () => {
  it.each([
    ['[1/3] A crane lifts the old span', '[1/3]', 'A crane lifts the old span'],
    ['Image caption, The pier closed in 2021', 'Image caption,', 'The pier closed in 2021'],
    ['Media caption, Residents describe the flood', 'Media caption,', 'Residents describe the flood'],
    ['Video: Residents film the flood', 'Video:', 'Residents film the flood'],
    ['Watch: How the new lock works', 'Watch:', 'How the new lock works'],
    ['Photo 3 of 12', 'Photo 3 of 12', ''],
    ['Gallery: Spring on the coast', 'Gallery:', 'Spring on the coast'],
    ['Bildunterschrift: Eine Helferin sortiert Spenden', 'Bildunterschrift:', 'Eine Helferin sortiert Spenden'],
    ['Foto 2 von 9: Der Hafen im Nebel', 'Foto 2 von 9:', 'Der Hafen im Nebel'],
    ['Imagen 1 de 4', 'Imagen 1 de 4', ''],
    ['2/3 Passengers board the replacement bus', '2/3', 'Passengers board the replacement bus'],
    ['Légende : Les pêcheurs bloquent le port', 'Légende :', 'Les pêcheurs bloquent le port'],
    ['Legenda: Voluntários limpam a praia', 'Legenda:', 'Voluntários limpam a praia'],
    ['Didascalia: Il ponte chiuso per lavori', 'Didascalia:', 'Il ponte chiuso per lavori'],
    ['Keterangan foto: Warga memadati taman kota', 'Keterangan foto:', 'Warga memadati taman kota'],
    ['Подпись: Паром у причала', 'Подпись:', 'Паром у причала'],
    ['Vídeo: Voluntarios limpian la playa', 'Vídeo:', 'Voluntarios limpian la playa'],
  ])('%j', (line, label, rest) => {
    expect(stripMediaLabel(line)).toEqual({ label, rest });
  });

  it.each([['Image source, Northmoor District Council'], ['FILE PHOTO: A crane lifts the old span'], ['In 1/2 of the cases the fix is simple'], ['Video games are getting longer'], ['Watch the skies, says the Met Office']])(
    'no label in %j',
    (line) => {
      expect(stripMediaLabel(line)).toBeNull();
    },
  );
});

describe('findCredit fast paths (gates implied by the regexes)', () => {
  // JUNK runs only when the line ends with a junk phrase's last letter (either case; non-ASCII
  // endings go to the regex, which folds 'ſ' to 's'); BY_LABELLED only when a by-label form is
  // present; STANDALONE only when the line ends with one of its credits; LABELLED and
  // COPYRIGHT_CREDIT only with their colon or copyright sign.
  it.each([
    ['Protesters march in the rain. REUTERS/Jane Doe Purchase Licensing Rights, opens new tab', 'REUTERS/Jane Doe', 'Protesters march in the rain.'],
    ['Protesters march. REUTERS/Jane Doe PURCHASE LICENSING RIGHTS', 'REUTERS/Jane Doe', 'Protesters march.'],
    ['Protesters march. REUTERS/Jane Doe purchase licensing rightſ', 'REUTERS/Jane Doe', 'Protesters march.'],
    ['A dog sleeps. PHOTO BY JANE DOE', 'PHOTO BY JANE DOE', 'A dog sleeps.'],
    ['A dog sleeps. Foto oleh Jane Doe', 'Foto oleh Jane Doe', 'A dog sleeps.'],
    ['A dog sleeps Getty Images', 'Getty Images', 'A dog sleeps'],
    ['A dog sleeps. AFP via Getty Images', 'AFP via Getty Images', 'A dog sleeps.'],
    ['A dog sleeps. (c) Jane Doe', '(c) Jane Doe', 'A dog sleeps.'],
    ['A dog sleeps. Photo：Jane Doe', 'Photo：Jane Doe', 'A dog sleeps.'],
    ['A dog sleeps. 사진=연합뉴스', '사진=연합뉴스', 'A dog sleeps.'],
  ])('%j', (line, credit, rest) => {
    expect(findCredit(line)).toMatchObject({ credit, rest, position: 'suffix' });
  });

  it.each([['A dog sleeps getty images'], ['Toggle Caption'], ['A dog sleeps. Photographed by Jane Doe']])('%j has none', (line) => {
    expect(findCredit(line)).toBeNull();
  });

  // The anchored whole-line and prefix shapes run only when the first character can open them.
  it.each([
    ['Image source, Getty Images', 'Image source, Getty Images', '', 'whole'],
    ["Source de l'image, AFP", "Source de l'image, AFP", '', 'whole'],
    ['(AP Photo/Jane Doe) Protesters gather outside', '(AP Photo/Jane Doe)', 'Protesters gather outside', 'prefix'],
    ['\uff08\u5199\u771f \u5171\u540c\uff09\u5e02\u8b70\u4f1a\u306f', '\uff08\u5199\u771f \u5171\u540c\uff09', '\u5e02\u8b70\u4f1a\u306f', 'prefix'],
    ['PHOTO: Jane Doe | Protesters gather outside', 'PHOTO: Jane Doe', 'Protesters gather outside', 'prefix'],
    ['Foto: Jane Doe \u2013 Protesters gather outside', 'Foto: Jane Doe', 'Protesters gather outside', 'prefix'],
  ] as const)('%j', (line, credit, rest, position) => {
    expect(findCredit(line)).toEqual({ credit, rest, position });
  });

  it.each([['image source, Getty Images'], ['photo: Jane Doe | Protesters gather']])('%j (lower case) has none', (line) => {
    expect(findCredit(line)).toBeNull();
  });

  // stripMediaLabel first asks one case-insensitive alternation of all labels (a superset).
  it.each([
    ['IMAGE CAPTION: A dog', 'IMAGE CAPTION:', 'A dog'], ['2/5 The dog', '2/5', 'The dog'], ['Credit...', 'Credit...', ''],
    ['Bildunterschrift: Ein Hund', 'Bildunterschrift:', 'Ein Hund'],
  ])('stripMediaLabel(%j)', (line, label, rest) => {
    expect(stripMediaLabel(line)).toEqual({ label, rest });
  });

  it.each([['credit...'], ['A dog sleeps'], ['2/5 the dog']])('stripMediaLabel(%j) is null', (line) => {
    expect(stripMediaLabel(line)).toBeNull();
  });
});
