// Package readertest checks the site the way a reader on a cheap phone
// uses it, in real headless Chromium at 360 × 740: reading offline after
// saving a course, the header menu by keyboard and touch, reading progress
// on the home page, ticks shared by a chapter and its worksheet, pages that
// never scroll sideways, what a chapter's first view downloads, and the
// round trips a search opened from its address waits for on slow 3G.
//
// The bundled playbook is built once into a temporary folder and served
// the way a static host serves it. Without Chromium the tests skip, saying
// so; under CI they fail instead. With READER_SHOTS set to a folder, the
// tests leave screenshots of what they saw there.
package readertest
