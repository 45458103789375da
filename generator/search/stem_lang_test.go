package search

import (
	"strings"
	"testing"
)

// wordFamilies are, per language, groups of word forms a reader expects to
// find each other: every form of a group must reach the same index term,
// and two groups never the same one. Malay runs the Indonesian stemmer;
// the others are Snowball's, stemmed at build time.
var wordFamilies = map[string][]string{
	// Malay: the forms of niaga (trade), ajar (teach), kerja (work), jual,
	// guna (use), selamat (safe), khidmat (service), pasar, bayar (pay),
	// syarikat (company). Malaysian spellings and words (perniagaan,
	// perkhidmatan, syarikat) stem as Indonesian ones do.
	"ms": {
		"perniagaan berniaga memperniagakan",
		"pengajaran mengajar diajar pelajaran pembelajaran belajar mempelajari",
		"pekerjaan bekerja pekerja dikerjakan",
		"penjualan menjual dijual jualan",
		"pengguna menggunakan digunakan penggunaan",
		"keselamatan selamat menyelamatkan",
		"perkhidmatan berkhidmat",
		"pemasaran memasarkan pasaran",
		"pembayaran membayar dibayar bayaran",
		"syarikat persyarikatan",
	},
	"es": {
		"bucle bucles",
		"repositorio repositorios",
		"cambio cambios cambiar cambiando cambiado",
		"archivo archivos archivar",
		"rama ramas",
		"fusionar fusión fusiones",
		"confirmación confirmaciones",
		"versión versiones Versión",
		"control controlar controlado",
		"canción canciones cancion",
	},
	"fr": {
		"boucle boucles",
		"dépôt dépôts depot",
		"modification modifications",
		"modifier modifié",
		"fichier fichiers",
		"branche branches",
		"fusionner fusion",
		"commande commandes",
		"version versions",
		"contrôle contrôler contrôlé",
	},
	"ru": {
		"репозиторий репозитория репозиторию",
		"файл файлы файлов",
		"ветка ветки ветку",
		"изменение изменения изменений",
		"команда команды команду",
		"история истории",
		"версия версии",
		"контроль контроля",
	},
	"sv": {
		"fil filer filen filerna",
		"gren grenar grenen",
		"ändring ändringar ändringen",
		"version versioner versionen",
		"historik historiken",
	},
	"no": {
		"fil filer filen filene",
		"gren grener grenen",
		"endring endringer endringen",
		"kommando kommandoer",
		"versjon versjoner versjonen",
		"historikk historikken",
	},
	"hu": {
		"fájl fájlok fájlt fájlban",
		"ág ágak ágat",
		"változás változások változást",
		"parancs parancsok parancsot",
		"verzió verziók verziót",
	},
}

func TestWordFamilies(t *testing.T) {
	for lang, groups := range wordFamilies {
		a := newAnalyzer(lang)
		owner := map[string]string{}
		for _, g := range groups {
			words := strings.Fields(g)
			want := strings.Join(a.terms(nil, words[0]), " ")
			if prev, ok := owner[want]; ok {
				t.Errorf("%s: %q and %q share the term %q", lang, prev, words[0], want)
			}
			owner[want] = words[0]
			for _, w := range words[1:] {
				if got := strings.Join(a.terms(nil, w), " "); got != want {
					t.Errorf("%s %q: term %q, want %q (as %q)", lang, w, got, want, words[0])
				}
			}
		}
	}
}

// In a language stemmed at build time, the index is keyed by folded words,
// each holding its stem's pages, so the client's unstemmed query finds every
// form the pages use; stop words are in no page.
func TestIndexStemmedLanguageKeys(t *testing.T) {
	docs := []Doc{
		newDoc("/es/a/", "Bucles", `<p>Los bucles de la shell.</p>`),
		newDoc("/es/b/", "Otro", `<p>Un bucle sencillo, con una canción.</p>`),
		newDoc("/es/c/", "Nada", `<p>Ramas y fusiones.</p>`),
	}
	pages, err := Analyze("es", docs)
	if err != nil {
		t.Fatal(err)
	}
	forms := wordForms(pages)
	for key, want := range map[string]string{"bucles": "bucl", "bucle": "bucl", "cancion": "cancion", "ramas": "ram"} {
		if forms[key] != want {
			t.Errorf("form %q: term %q, want %q", key, forms[key], want)
		}
	}
	for _, stop := range []string{"de", "la", "los", "con", "una"} {
		if _, ok := forms[stop]; ok {
			t.Errorf("stop word %q is indexed", stop)
		}
	}
	if Stemmed("es") != "index" || Stemmed("ms") != "client" || Stemmed("pt-BR") != "" {
		t.Errorf("Stemmed: es %q, ms %q, pt-BR %q", Stemmed("es"), Stemmed("ms"), Stemmed("pt-BR"))
	}
}
