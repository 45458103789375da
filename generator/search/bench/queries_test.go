package bench

// relevanceSet is the relevance test set over the bundled playbook: the
// page each query must bring into the first three results ("" for words
// that must find nothing). It mixes the words of a heading or title with
// other forms of them: Indonesian affixes the text does not use, English
// plurals and -ing forms, and one-letter typos.
var relevanceSet = []relevance{
	// Indonesian: words as written.
	{"id", "cahaya", "/id/konten/produksi-video/"},
	{"id", "suara", "/id/konten/produksi-video/"},
	{"id", "kepatuhan", "/id/eksekusi/kepatuhan-layanan/"},
	{"id", "kalender konten", "/id/konten/konsistensi-kalender/"},
	{"id", "ramadan", "/id/pertumbuhan/kampanye-musiman/"},
	{"id", "lebaran", "/id/pertumbuhan/kampanye-musiman/"},
	{"id", "anggaran iklan", "/id/pertumbuhan/kampanye-musiman/"},
	{"id", "penghentian live", "/id/pasar/dampak-penghentian-live/"},
	{"id", "arus kas", "/id/pasar/dampak-penghentian-live/"},
	{"id", "modal kerja", "/id/pasar/dampak-penghentian-live/"},
	{"id", "etalase digital", "/id/pasar/live-sebagai-etalase/"},
	{"id", "tanya jawab", "/id/pasar/live-sebagai-etalase/"},
	{"id", "diskon terbatas", "/id/pasar/live-sebagai-etalase/"},
	{"id", "metrik kunci", "/id/pertumbuhan/analitik/"},
	{"id", "demografi", "/id/pertumbuhan/analitik/"},
	{"id", "omnichannel", "/id/pertumbuhan/diversifikasi-kanal/"},
	{"id", "kemitraan", "/id/pertumbuhan/diversifikasi-kanal/"},
	{"id", "mitigasi risiko", "/id/pertumbuhan/diversifikasi-kanal/"},
	{"id", "rencana aksi", "/id/eksekusi/rencana-8-minggu/"},
	{"id", "storytelling", "/id/konten/strategi-konten/"},
	{"id", "skrip hook", "/id/konten/strategi-konten/"},
	{"id", "pengguna muda", "/id/pasar/lanskap-2025/"},
	{"id", "peluang dan tantangan", "/id/pasar/lanskap-2025/"},
	{"id", "paket starter", "/id/pasar/langkah-awal/"},
	// Indonesian: other forms of the words on the page.
	{"id", "pemasaran", "/id/pertumbuhan/analitik/"},             // title: Pemasaran berbasis data
	{"id", "memasarkan", "/id/pertumbuhan/analitik/"},            // meN- + -kan
	{"id", "pencahayaan", "/id/konten/produksi-video/"},          // peN-...-an of cahaya
	{"id", "menyunting", "/id/konten/produksi-video/"},           // heading: Penyuntingan
	{"id", "mematuhi", "/id/eksekusi/kepatuhan-layanan/"},        // meN-...-i of patuh
	{"id", "dihentikan", "/id/pasar/dampak-penghentian-live/"},   // di-...-kan of henti
	{"id", "berbelanja", "/id/pertumbuhan/kampanye-musiman/"},    // ber- of belanja
	{"id", "langkah-langkah pertama", "/id/pasar/langkah-awal/"}, // reduplication
	// Indonesian: one-letter typos and a prefix being typed.
	{"id", "kalendr", "/id/konten/konsistensi-kalender/"},
	{"id", "storyteling", "/id/konten/strategi-konten/"},
	{"id", "demografii", "/id/pertumbuhan/analitik/"},
	{"id", "omnichan", "/id/pertumbuhan/diversifikasi-kanal/"},
	// Indonesian: must find nothing.
	{"id", "xylofon", ""},
	{"id", "kriptografi", ""},
	{"id", "astronot", ""},
	{"id", "yang dan di", ""}, // stop words only

	// English: words as written.
	{"en", "light", "/en/konten/produksi-video/"},
	{"en", "sound", "/en/konten/produksi-video/"},
	{"en", "compliance", "/en/eksekusi/kepatuhan-layanan/"},
	{"en", "content calendar", "/en/konten/konsistensi-kalender/"},
	{"en", "weekly routine", "/en/konten/konsistensi-kalender/"},
	{"en", "ramadan", "/en/pertumbuhan/kampanye-musiman/"},
	{"en", "ad budget", "/en/pertumbuhan/kampanye-musiman/"},
	{"en", "live suspension", "/en/pasar/dampak-penghentian-live/"},
	{"en", "cash flow", "/en/pasar/dampak-penghentian-live/"},
	{"en", "working capital", "/en/pasar/dampak-penghentian-live/"},
	{"en", "digital storefront", "/en/pasar/live-sebagai-etalase/"},
	{"en", "key metrics", "/en/pertumbuhan/analitik/"},
	{"en", "engagement rate", "/en/pertumbuhan/analitik/"},
	{"en", "omnichannel", "/en/pertumbuhan/diversifikasi-kanal/"},
	{"en", "risk mitigation", "/en/pertumbuhan/diversifikasi-kanal/"},
	{"en", "action plan", "/en/eksekusi/rencana-8-minggu/"},
	{"en", "storytelling", "/en/konten/strategi-konten/"},
	{"en", "young users", "/en/pasar/lanskap-2025/"},
	{"en", "opportunities and challenges", "/en/pasar/lanskap-2025/"},
	{"en", "first steps", "/en/pasar/langkah-awal/"},
	{"en", "starter pack", "/en/pasar/langkah-awal/"},
	// English: plurals and -ing forms the page does not use as such.
	{"en", "lighting", "/en/konten/produksi-video/"},
	{"en", "edits", "/en/konten/produksi-video/"},
	{"en", "complaint", "/en/eksekusi/kepatuhan-layanan/"},
	{"en", "seasonal campaign", "/en/pertumbuhan/kampanye-musiman/"},
	{"en", "discount", "/en/pasar/live-sebagai-etalase/"},
	{"en", "bundling", "/en/pasar/live-sebagai-etalase/"},
	{"en", "demographic", "/en/pertumbuhan/analitik/"},
	{"en", "partnership", "/en/pertumbuhan/diversifikasi-kanal/"},
	{"en", "tutorial", "/en/konten/strategi-konten/"},
	{"en", "hook", "/en/konten/strategi-konten/"},
	{"en", "voucher", "/en/pertumbuhan/kampanye-musiman/"},
	// English: one-letter typos and a prefix being typed.
	{"en", "demographcs", "/en/pertumbuhan/analitik/"},
	{"en", "storyteling", "/en/konten/strategi-konten/"},
	{"en", "complianse", "/en/eksekusi/kepatuhan-layanan/"},
	{"en", "omnichan", "/en/pertumbuhan/diversifikasi-kanal/"},
	// English: must find nothing.
	{"en", "xylophone", ""},
	{"en", "cryptocurrency", ""},
	{"en", "astronaut", ""},
	{"en", "the and of", ""}, // stop words only
}
