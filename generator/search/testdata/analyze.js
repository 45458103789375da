// Runs the client's analysis for the Go tests: reads {"client": path,
// "jobs": [{"stem": "id", "stop": "w1 w2", "texts": [...]}]} on stdin and
// prints, per job, the terms of each text.
const fs = require('fs');
const req = JSON.parse(fs.readFileSync(0, 'utf8'));
const client = require('./client.js')(req.client);
const out = req.jobs.map((job) => {
  const analyze = client.analyzer(new Set(job.stop.split(' ')), client.stemmer(job.stem));
  return job.texts.map((text) => {
    const terms = [];
    analyze(text, (t) => terms.push(t));
    return terms.join(' ');
  });
});
process.stdout.write(JSON.stringify(out));
