/* Lentera search client: the English stemmer, for English search pages.
 * The build inlines it before search.js on those pages only. It must stem
 * as the index does: testdata/analysis.txt checks both. */
(function (stemmers) {
  'use strict';

  function isVy(c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y'; }

  // Porter2, the Snowball English stemmer, as github.com/kljensen/snowball
  // implements it (the Go side of the index).
  var EXC = new Map();
  'skis:ski skies:sky dying:die lying:lie tying:tie idly:idl gently:gentl ugly:ugli early:earli only:onli singly:singl sky news howe atlas cosmos bias andes'
    .split(' ').forEach(function (p) { p = p.split(':'); EXC.set(p[0], p[1] || p[0]); });
  'inning outing canning herring earring'.split(' ').forEach(function (w) { EXC.set(w, w); EXC.set(w + 's', w); });
  'proceed exceed succeed'.split(' ').forEach(function (w) {
    ['', 's', 'ed', 'ing'].forEach(function (x) { EXC.set(w + x, w); });
  });
  var S2 = {tional: 'tion', enci: 'ence', anci: 'ance', abli: 'able', entli: 'ent', izer: 'ize', ization: 'ize',
    ational: 'ate', ation: 'ate', ator: 'ate', alism: 'al', aliti: 'al', alli: 'al', fulness: 'ful', ousli: 'ous',
    ousness: 'ous', iveness: 'ive', iviti: 'ive', biliti: 'ble', bli: 'ble', fulli: 'ful', lessli: 'less'};
  var S3 = {ational: 'ate', tional: 'tion', alize: 'al', icate: 'ic', iciti: 'ic', ical: 'ic', ful: '', ness: ''};

  function region(w, i) {
    for (i++; i < w.length; i++) if (isVy(w[i - 1]) && !isVy(w[i])) return i + 1;
    return w.length;
  }
  // shortSyl: w[0:i] ends in a short syllable.
  function shortSyl(w, i) {
    return i == 2 ? isVy(w[0]) && !isVy(w[1])
      : i > 2 && !isVy(w[i - 1]) && !/[wxY]/.test(w[i - 1]) && isVy(w[i - 2]) && !isVy(w[i - 3]);
  }
  function ending(w, re) { return (re.exec(w) || [''])[0]; }

  function stemEn(w) {
    if (w.length < 3) return w;
    if (EXC.has(w)) return EXC.get(w);
    w = w.replace(/^y/, 'Y').replace(/([aeiouy])y/g, '$1Y');
    var m = /^(gener|commun|arsen)/.exec(w), r1 = m ? m[1].length : region(w, 0), r2 = region(w, r1), s, n;
    // Step 1a
    if (/sses$/.test(w)) w = w.slice(0, -2);
    else if (/ie[ds]$/.test(w)) w = w.slice(0, -3) + (w.length > 4 ? 'i' : 'ie');
    else if (/[^us]s$/.test(w) && /[aeiouy]/.test(w.slice(0, -2))) w = w.slice(0, -1);
    // Step 1b
    s = ending(w, /(eedly|ingly|edly|ing|eed|ed)$/);
    n = w.length - s.length;
    if (s == 'eed' || s == 'eedly') {
      if (n >= r1) w = w.slice(0, n) + 'ee';
    } else if (s && /[aeiouy]/.test(w.slice(0, n))) {
      w = w.slice(0, n);
      if (/(at|bl|iz)$/.test(w)) w += 'e';
      else if (/(bb|dd|ff|gg|mm|nn|pp|rr|tt)$/.test(w)) w = w.slice(0, -1);
      else if (r1 >= w.length && shortSyl(w, w.length)) { w += 'e'; r1 = r2 = w.length; }
    }
    // Step 1c
    n = w.length;
    if (n > 2 && /[yY]$/.test(w) && !isVy(w[n - 2])) w = w.slice(0, -1) + 'i';
    // Step 2
    s = ending(w, /(ational|fulness|iveness|ization|ousness|biliti|lessli|tional|alism|aliti|ation|entli|fulli|iviti|ousli|anci|abli|alli|ator|enci|izer|bli|ogi|li)$/);
    n = w.length - s.length;
    if (s && n >= r1) {
      if (s == 'li') { if (/[cdeghkmnrt]$/.test(w.slice(0, n))) w = w.slice(0, n); }
      else if (s == 'ogi') { if (w[n - 1] == 'l') w = w.slice(0, n) + 'og'; }
      else w = w.slice(0, n) + S2[s];
    }
    // Step 3
    s = ending(w, /(ational|tional|alize|icate|ative|iciti|ical|ful|ness)$/);
    n = w.length - s.length;
    if (s && n >= r1) {
      if (s != 'ative') w = w.slice(0, n) + S3[s];
      else if (n >= r2) w = w.slice(0, n);
    }
    // Step 4
    s = ending(w, /(ement|ance|ence|able|ible|ment|ent|ant|ism|ate|iti|ous|ive|ize|ion|al|er|ic)$/);
    n = w.length - s.length;
    if (s && n >= r2 && (s != 'ion' || /[st]$/.test(w.slice(0, n)))) w = w.slice(0, n);
    // Step 5
    n = w.length - 1;
    if (r1 <= n) {
      if (w[n] == 'e') { if (r2 <= n || !shortSyl(w, n)) w = w.slice(0, n); }
      else if (r2 <= n && w[n] == 'l' && w[n - 1] == 'l') w = w.slice(0, n);
    }
    return w.replace(/Y/g, 'y');
  }

  stemmers.en = stemEn;
})(globalThis.lenteraStemmers || (globalThis.lenteraStemmers = {}));
