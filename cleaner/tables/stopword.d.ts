// Minimal typing of the `stopword` package (it ships none): each language list is a string array.
declare module 'stopword' {
  const lists: Record<string, readonly string[] | undefined>;
  export = lists;
}
