// Minimal typing of the `stopword` package (it ships none): each language list is a string array,
// exported under its ISO 639-3 style name. Only the lists the cleaner imports are declared.
declare module 'stopword' {
  type List = readonly string[];
  export const cat: List, ces: List, dan: List, deu: List, eng: List, fra: List, ind: List, ita: List, nld: List;
  export const nob: List, pol: List, por: List, ron: List, rus: List, spa: List, swe: List, tur: List, ukr: List;
}
