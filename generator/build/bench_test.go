package build

import (
	"context"
	"os"
	"path/filepath"
	"testing"
)

// benchSite is the site the benchmarks build: $LENTERA_BENCH_SITE (make
// bench points it at a generated corpus), else the bundled playbook.
func benchSite(b *testing.B) string {
	if dir := os.Getenv("LENTERA_BENCH_SITE"); dir != "" {
		return dir
	}
	return filepath.Join("..", "..")
}

// BenchmarkBuild is a full build to memory: what `build` does minus the
// final write.
func BenchmarkBuild(b *testing.B) {
	dir := benchSite(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Build(context.Background(), Options{SiteDir: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
