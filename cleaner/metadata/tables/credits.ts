/**
 * Photo-credit and media-label vocabulary. Credits are returned exactly as written, so these
 * tables only say where a credit starts; the matched text is sliced from the line.
 */

/**
 * Labels that introduce a credit with a colon (or "=" in Korean): "PHOTO: REUTERS",
 * "Photograph: Name/Outlet", "Foto: Name/dpa", "Credit: SWNS", "사진=연합뉴스".
 * Each is accepted as written, Capitalised or UPPERCASE (never lowercase: "the photo: a ...").
 */
export const CREDIT_LABELS: readonly string[] = [
  'Photo', 'Photos', 'Photograph', 'Photographs', 'Photography', 'Picture', 'Pictures', 'Pic', 'Pics', 'Image', 'Images',
  'Image credit', 'Photo credit', 'Photo credits', 'Picture credit', 'Credit', 'Credits', 'Illustration', 'Graphic', 'Video credit',
  'Foto', 'Fotos', 'Bild', 'Bilder', 'Fotograf', 'Grafik', 'Bildquelle', 'Fotografía', 'Fotografia', 'Imagen', 'Crédito', 'Créditos',
  'Crédit', 'Crédit photo', 'Crédits', 'Ilustração', 'Immagine', 'Afbeelding', 'Beeld', 'Gambar', 'Sumber foto', 'Фото', 'Фотография',
  '写真', '사진', '그래픽',
];

/** Credit phrases without a colon: "Photo by X", "Foto de X". */
export const CREDIT_BY_LABELS: readonly string[] = [
  'Photo by', 'Photos by', 'Photograph by', 'Picture by', 'Image by', 'Foto de', 'Foto di', 'Foto von', 'Photo de', 'Foto van', 'Foto oleh',
];

/**
 * Credit words inside parentheses at the start or end of a caption: "(AP Photo/Name)",
 * "(Photo by X for Y)", "(Image credit: X / Y)", "(Image: Thames Valley Police)".
 */
export const PAREN_CREDIT_LEADS: readonly string[] = [
  'AP Photo', 'AP Foto', 'AP Images', 'CP Photo', 'PA Photo', 'Photo', 'Photos', 'Photograph', 'Picture', 'Pic', 'Image', 'Images', 'Image credit',
  'Photo credit', 'Credit', 'Foto', 'Fotos', 'Bild', 'Crédito', 'Crédit', 'Illustration', 'Getty Images', 'Courtesy', 'Handout', 'Photo illustration',
  '写真', '撮影', '사진', 'Фото',
];

/** Agencies that write "AGENCY/Name" credits: "REUTERS/Name", "EFE/Name", "ANSA/NAME". */
export const SLASH_CREDIT_AGENCIES: readonly string[] = [
  'REUTERS', 'Reuters', 'EFE', 'AFP', 'EPA', 'EPA-EFE', 'ANSA', 'ANP', 'AAP', 'KCNA', 'XINHUA', 'Xinhua', 'ANTARA FOTO', 'ANTARA', 'Antara',
  'dpa', 'DPA', 'LUSA', 'Lusa', 'YONHAP', 'Yonhap', 'KYODO', 'Kyodo', 'AP', 'SIPA', 'Sipa', 'PTI', 'NurPhoto',
];

/** Photo outlets that close a "Name/Outlet" credit: "Tobias Brandl/dpa", "Owen Harcourt/PA Wire/PA Images". */
export const PHOTO_OUTLETS: ReadonlySet<string> = new Set([
  'dpa', 'DPA', 'AFP', 'Reuters', 'REUTERS', 'EPA', 'EPA-EFE', 'EFE', 'AP', 'PA', 'PA Wire', 'PA Images', 'PA Media', 'Getty Images', 'Getty',
  'Shutterstock', 'Alamy', 'Alamy Stock Photo', 'iStock', 'iStockphoto', 'SWNS', 'Bloomberg', 'ANSA', 'ANP', 'AAP', 'Xinhua', 'Kyodo',
  'picture alliance', 'picture-alliance', 'Picture Alliance', 'imago', 'IMAGO', 'imago images', 'Keystone', 'SIPA', 'Sipa', 'Abaca', 'ABACA',
  'Zuma', 'ZUMA Press', 'NurPhoto', 'Anadolu', 'Anadolu Agency', 'Sportsfile', 'Action Images', 'Offside', 'Belga', 'Lusa', 'Antara', 'PTI', 'Yonhap',
  'The Canadian Press', 'CP', 'Pool', 'POOL', 'File', 'File Photo', 'Handout', 'HANDOUT',
]);

/** Stock and agency credits that can stand alone: "Getty Images", "AFP via Getty Images", "Shutterstock". */
export const STANDALONE_CREDITS: readonly string[] = [
  'Getty Images', 'AFP via Getty Images', 'Bloomberg via Getty Images', 'Shutterstock', 'iStock', 'iStockphoto', 'Alamy',
  'Alamy Stock Photo', 'SWNS', 'PA Images', 'PA Wire', 'EPA', 'picture alliance', 'IMAGO', 'Getty', 'Supplied', 'Handout',
];

/** Full-width-parenthesised agency credit at the end of a Japanese/Chinese caption: "（共同）", "（AP＝共同）". */
export const CJK_PAREN_CREDIT = /（(?:[^（）]{0,12}[＝=])?(?:共同|共同通信|ロイター|時事|AP|AFP|EPA|Getty Images|聯合|新华社|新華社|ゲッティ)）$/u;

/** Page furniture glued after a credit: "REUTERS/Name Purchase Licensing Rights, opens new tab". */
export const TRAILING_CREDIT_JUNK: readonly string[] = [
  'Purchase Licensing Rights, opens new tab', 'Purchase Licensing Rights', ', opens new tab', 'opens new tab',
  'Enlarge this image', 'toggle caption', 'hide caption', 'Expand image',
];

/** Copyright notices ("© 2025 Reuters. All rights reserved") are footers, not photo credits. */
export const COPYRIGHT_NOTICE = /\b(?:19|20)\d{2}\b|copyright|all rights reserved|todos los derechos|alle rechte|tous droits|dpa-infocom/iu;

/**
 * Lowercase words a credit value may contain ("Courtesy of X", "Name for The Post", "Foto: dpa").
 * A value with more than MAX_LOWERCASE_CREDIT_WORDS other lowercase words reads as a caption or
 * a gallery title ("Photos: Million-dollar cars for auction"), not a credit.
 */
export const CREDIT_LOWERCASE_OK: ReadonlySet<string> = new Set([
  'of', 'for', 'the', 'via', 'and', 'by', 'de', 'da', 'do', 'del', 'von', 'van', 'der', 'den', 'la', 'le', 'di', 'du', 'des', 'y', 'e',
  'und', 'et', 'courtesy', 'photo', 'file', 'handout', 'pool', 'staff', 'images', 'dpa', 'picture', 'alliance', 'imago', 'images/',
  'getty', 'to', 'at', 'with', 'für', 'pour', 'para', 'per',
]);
export const MAX_LOWERCASE_CREDIT_WORDS = 1;

/** Most words a credit value may have ("Photograph: Courtesy of Tarrowby Town Council" has 5). */
export const MAX_CREDIT_WORDS = 12;

/**
 * Gallery and screen-reader labels in front of a caption (never part of it). "Image source, "
 * is deliberately absent: it introduces a credit (see findCredit).
 */
/** Lead-ins that make the whole line a credit: "Image source, X" (BBC), "Image copyright X". */
export const WHOLE_LINE_CREDIT_LEADS = /^(?:Image source|Media source|Image copyright|Fuente de la imagen|Bildquelle|Source de l'image|Fonte da imagem)[,:]?\s\S.{0,100}$/u;

export const MEDIA_LABELS: readonly RegExp[] = [
  /^\[\s?\d{1,3}\s?(?:\/|of)\s?\d{1,3}\s?\]/iu,
  /^\d{1,3}\s?\/\s?\d{1,3}(?=\s\p{Lu})/u,
  /^(?:Image|Media|Video|Audio|Photo) caption\s?[,:]/iu,
  /^(?:Photo|Image|Picture|Slide|Foto|Bild|Imagen|Immagine|Afbeelding|Gambar|Фото) \d{1,3} (?:of|von|de|sur|di|van|dari|из|\/) \d{1,3}\s?[:.]?/iu,
  /^(?:Video|Watch|Gallery|Vídeo|Galería|Galerie|Bildergalerie|Fotogalerie|Fotogalería|Caption|Bildunterschrift|Leyenda|Légende|Legenda|Didascalia|Keterangan foto|Keterangan gambar|Подпись|Audio|Listen|Slideshow|Diaporama|Ver vídeo|Ver video|Regarder|Guarda)\s?[:：]/iu,
  /^(?:Enlarge this image|toggle caption|hide caption|Open image in gallery|Expand image|View image in fullscreen|Image \d{1,3} of \d{1,3})/iu,
  /^Credit\.\.\.$|^Credit…$/u,
];
