package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"syscall"

	"lentera/generator/serve"
	"lentera/generator/site"
)

// defaultPort is free on most machines and easy to remember: 14/14.
const defaultPort = 1414

func runServe(args []string, stdout, stderr io.Writer) error {
	fl := newFlags("serve", stderr)
	siteDir := fl.String("site", ".", "the site folder (holds site.yaml and content/)")
	port := fl.Int("port", defaultPort, "the port to listen on; 0 picks a free one")
	host := fl.String("host", "127.0.0.1", "the address to listen on; 0.0.0.0 shows the preview to your whole network")
	out := fl.String("out", "", "also write each good build to this folder, as build does")
	drafts := fl.Bool("drafts", false, "publish pages marked draft: true")
	noCache := fl.Bool("no-cache", false, "build everything at the start, without the build cache that earlier builds left, and leave none")
	var baseURL string
	fl.Func("base-url", "serve the site under this address's path, as it will be published; replaces site.yaml's baseURL", func(v string) (err error) {
		baseURL, err = site.CheckBaseURL(v)
		return err
	})
	if _, err := parseFlags(fl, args, 0, 0); err != nil {
		return err
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// Listen before the first build, so that a busy port says so at once.
	ln, err := net.Listen("tcp", net.JoinHostPort(*host, strconv.Itoa(*port)))
	if err != nil {
		return fmt.Errorf("serve: %w (another server may be running; --port 0 picks a free port)", err)
	}
	cacheDir := buildCacheDir()
	if *noCache {
		cacheDir = ""
	}
	srv, err := serve.New(ctx, serve.Options{SiteDir: *siteDir, Out: *out, Drafts: *drafts, BaseURL: baseURL, Log: stderr, Host: *host, CacheDir: cacheDir})
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintf(stdout, "serving %s at %s (Ctrl-C to stop)\n", fullPath(*siteDir), srv.URL(ln.Addr()))
	if srv.Serves("trainer/index.html") {
		fmt.Fprintf(stdout, "the trainer edition, with the session plan and translation status: %strainer/\n", srv.URL(ln.Addr()))
	}
	if err := srv.Serve(ctx, ln); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "stopped")
	return nil
}

// fullPath names a folder in full, so that "serving ." says which one.
func fullPath(dir string) string {
	if abs, err := filepath.Abs(dir); err == nil {
		return abs
	}
	return dir
}
