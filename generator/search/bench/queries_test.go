package bench

// relevanceSet is the relevance test set over the bundled playbook.
var relevanceSet = []relevance{
	{"id", "pemasaran", "/id/pertumbuhan/analitik/"},
	{"id", "cahaya", "/id/konten/produksi-video/"},
	{"en", "light", "/en/konten/produksi-video/"},
	{"id", "xyzzyq", ""},
}
