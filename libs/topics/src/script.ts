// Arabic-script letter as a regex atom (base block, supplement, extended-A,
// presentation forms), shared by the key and the tokenizer.
export const ARABIC_SCRIPT_LETTER =
  '[\\u0620-\\u063F\\u0641-\\u064A\\u066E-\\u06D3\\u06D5\\u06EE\\u06EF\\u06FA-\\u06FC\\u06FF\\u0750-\\u077F\\u08A0-\\u08C9\\uFB50-\\uFDFF\\uFE70-\\uFEFC]';
