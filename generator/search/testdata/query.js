// Runs queries through the client for the Go tests, reading the index from
// disk: {"client": path, "dir": index folder, "queries": [...], "show": n}
// on stdin; prints, per query, the hits, the files read, the first n
// results as the page would show them, and the URLs it could list before
// reading any page part (null when it could not).
const fs = require('fs');
const path = require('path');
const req = JSON.parse(fs.readFileSync(0, 'utf8'));
const client = require('./client.js')(req.client);

async function main() {
  const out = [];
  for (const q of req.queries) {
    const read = [];
    const get = (url) => {
      read.push(url);
      return Promise.resolve().then(() => JSON.parse(fs.readFileSync(path.join(req.dir, url), 'utf8')));
    };
    const index = client.open('', get);
    const first = index.search(q);
    const again = index.search(q) === first; // the same query is ranked once
    const r = await first;
    const early = index.shown(r.hits.slice(0, req.show)); // before the parts are read
    const items = await index.page(r.hits.slice(0, req.show), r.words);
    out.push({query: q, ids: r.hits.map((h) => h.id), partial: !!r.partial, read, items, again, early: early && early.map((e) => e.url)});
  }
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => { console.error(e); process.exit(1); });
