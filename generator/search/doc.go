// Package search builds the full-text index of one language of a site, at
// build time, for the browser client in assets/search.js.
//
// # Analysis
//
// Text becomes terms the same way here and in the client (the vectors in
// testdata/analysis.txt hold both to it): words are runs of Unicode
// letters, digits and marks; each word is folded (NFKD, marks removed,
// lower-cased per character) and split again at anything not a letter or
// digit; lone a-z letters, words over 40 characters and the language's stop
// words are dropped; words of a-z only are stemmed, Indonesian ("id") and
// Malay ("ms", which shares its affixes) with the Snowball Indonesian
// algorithm plus se-...-nya (stem_id.go), English ("en") with Porter2.
//
// Spanish, French, Russian, Swedish, Norwegian and Hungarian are stemmed
// by Snowball at build time only (stem_snowball.go): the word as written,
// lower-cased, is stemmed and then folded. Their index is keyed not by stem
// but by every folded word the pages use, each holding the postings of its
// stem, so the client looks words up as it folds them, with no stemmer:
// "bucles" and "bucle" hold the same pages. A query form no page uses
// finds nothing by itself (the prefix and typo fallbacks still apply); in
// exchange the client stays small and identical for every language.
//
// Other languages are folded and stopped when they have stop words, but
// not stemmed; the build says so once.
//
// # Index format
//
// Index returns the files of one language; the build writes them next to
// the language's search page, and the client reads them relative to it:
//
//	index.json      the entry, the only file with a fixed name (the
//	                search page carries it too):
//	                {"lang": "id", "stem": "id" or "",
//	                 "stop": "stop words, space-separated",
//	                 "n": pages,
//	                 "t": [where each shard starts; the first is ""],
//	                 "ts": [shard folders], "tn": shards per folder,
//	                 "ds": [part folders], "dn": pages per folder,
//	                 "pg": [[URL, title, section, description], ...]
//	                 per page, only while that is under 12 KB}
//	<ts[i/tn]>/t<i>.json     term shard i: {"term": "postings", ...}
//	                with every term t[i] <= term < t[i+1]; when the
//	                entry has no "pg", also "": {"page": [URL, title,
//	                section], ...} for the pages its terms rank first
//	                (heads.go)
//	<ds[i/dn]>/d<i>-<k>.json part k of page i: {"u": URL, "t": title,
//	                 "s": section title, "d": description (part 0 only),
//	                 "b": [[anchor, heading, text], ...]}
//
// Each folder holds up to 16 shards or the parts of up to 32 pages (a small
// index has about eight folders of each kind, of fewer), and is named after
// a hash of its files' paths and content: a reader never mixes two builds,
// and an edit changes only the folders of what it touched, so a build
// writes, and a reader who saved the course downloads, only those again.
// Every file is under the search page's folder, so the language's list of
// files to save for offline reading, made from the build's output, holds
// them all.
//
// Terms are sorted in UTF-16 order, JavaScript's string order, and cut into
// shards of about 2 KB, so a query reads one small shard per word (two at
// most for the prefix of the word being typed). A shard's start in "t" is
// the shortest beginning of its first term that sorts after the term
// before it. A posting list holds, per page, three numbers: the gap from
// the previous page number; the term's weight in the page, in eighths
// (weight.go: BM25's share of its frequency in the page's description,
// headings and body against the page's length, plus a bonus when it is in
// the title or a heading); and the part of the page where the term is used
// most. Each number is written five bits at a time, lowest first, in one
// character of 0-9a-v (the last five bits) or of A-Z-_wxyz (more follow),
// so most numbers take one character and the list is a JSON string that
// gzip still shrinks.
//
// A page is split into sections at its h2, h3 and h4 headings that have an
// id; a section longer than a part is cut at sentence ends into pieces that
// keep its anchor and heading. The pieces are packed in order into parts of
// at most 1,500 characters (parts.go), each part with the page's URL and
// titles: a result reads the one part where its words are (the part most
// of the query's words point at), links to the heading under which they
// stand and shows an extract from there. The client reads parts only for
// the results it shows.
//
// What a page says of a term is weighed here; the query is the client's: it
// multiplies each weight by the term's idf and by how the term matched the
// query (the word itself, a longer word it begins when it is the last, a
// one-letter typo), requires all words with a fallback to any, and ranks.
package search
