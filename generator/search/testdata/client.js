// Loads the search client as a page of any language has it: the stemmers
// (search-stem-*.js, next to it) first, which register themselves, then
// search.js. The argument is search.js's absolute path.
const fs = require('fs');
const path = require('path');

module.exports = (client) => {
  const dir = path.dirname(client);
  for (const f of fs.readdirSync(dir)) {
    if (/^search-stem-.*\.js$/.test(f)) require(path.join(dir, f));
  }
  return require(client);
};
