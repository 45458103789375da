// Package printtest checks the printed site in real headless Chromium: the
// bundled playbook is built into a temporary folder, served the way a static
// host serves it, opened and printed to PDF. Text is read back out of the
// PDFs with pdftotext (poppler-utils), so the checks see what lands on
// paper rather than what the HTML asks for.
//
// Without Chromium or pdftotext the tests skip, saying which is missing;
// under CI they fail instead, since .ci/run installs both.
package printtest
