/* Lentera search client: the Indonesian stemmer, for the search pages of
 * Indonesian and Malay (which shares its affixes). The build inlines it
 * before search.js on those pages only, so that no page carries a stemmer
 * its language does not use. It must stem as generator/search/stem_id.go
 * does: testdata/analysis.txt checks both. */
(function (stemmers) {
  'use strict';

  function isV(c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }
  function vowels(w) { return (w.match(/[aeiou]/g) || []).length; }

  // Snowball Indonesian (see stem_id.go for the rules and the se- addition).
  var FIRST = [['meng', 1], ['meny', 1, 's'], ['men', 1], ['mem', 1, 'p'], ['me', 1],
    ['peng', 3], ['peny', 3, 's'], ['pen', 3], ['pem', 3, 'p'], ['di', 1], ['ter', 1], ['ke', 3]];

  function firstPrefix(w, nya) {
    for (var i = 0; i < FIRST.length; i++) {
      var p = FIRST[i][0], r = FIRST[i][2], v = isV(w.charAt(p.length));
      if (w.startsWith(p) && (r != 's' || v)) {
        return r && v ? [r + w.slice(p.length), FIRST[i][1], 1] : [w.slice(p.length), FIRST[i][1], 0];
      }
    }
    return nya && w.startsWith('se') ? [w.slice(2), 3, 0] : null;
  }

  function secondPrefix(w, k) {
    if (/^[bp]elajar/.test(w)) return [w.slice(3), w[0] == 'b' ? 4 : k];
    var m = /^(ber|per|be(?=[^aeiou]er)|pe)/.exec(w);
    return m ? [w.slice(m[1].length), m[1][0] == 'b' ? 4 : 2] : [w, k];
  }

  function suffix(w, s, k) {
    var n = w.length;
    if (/kan$/.test(w) && n - 3 >= s && k != 3 && k != 2) return w.slice(0, -3);
    if (/an$/.test(w) && n - 2 >= s && k != 1) return w.slice(0, -2);
    if (/i$/.test(w) && n - 1 >= s && k <= 2 && !(n - 2 >= s && w[n - 2] == 's')) return w.slice(0, -1);
    return null;
  }

  function stemId(w) {
    if (vowels(w) < 3) return w;
    w = w.replace(/(kah|lah|pun)$/, '');
    if (vowels(w) < 3) return w;
    var nya = /nya$/.test(w), r, x;
    w = w.replace(/(nya|ku|mu)$/, '');
    if (vowels(w) < 3) return w;
    if ((r = firstPrefix(w, nya))) {
      w = r[0];
      if (vowels(w) > 2 && (x = suffix(w, r[2], r[1])) != null) {
        w = x;
        if (vowels(w) > 2 && !r[2]) w = secondPrefix(w, r[1])[0];
      }
      return w;
    }
    r = secondPrefix(w, 0);
    w = r[0];
    if (vowels(w) > 2 && (x = suffix(w, 0, r[1])) != null) w = x;
    return w;
  }

  stemmers.id = stemmers.ms = stemId;
})(globalThis.lenteraStemmers || (globalThis.lenteraStemmers = {}));
