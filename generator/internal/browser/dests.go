package browser

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strconv"
)

// Destinations reads on which page each named destination of a PDF lands:
// destination name → page number, from 1. Chromium writes a destination
// for every element id that a link in the page points to, named as the id,
// so a link's target can be looked up in the PDF the way a reader's viewer
// follows it.
//
// Like PageCount it reads the PDF as Chromium writes it: a classic cross
// reference table, and the catalog, page tree and /Dests dictionary as
// plain objects outside compressed streams. It is not a general PDF reader,
// and says so with an error on a PDF it cannot read.
func Destinations(pdf []byte) (map[string]int, error) {
	r, err := newPDFReader(pdf)
	if err != nil {
		return nil, err
	}
	catalog, err := r.catalog()
	if err != nil {
		return nil, err
	}
	root := refIn(catalog, "Pages")
	if root < 0 {
		return nil, errors.New("read PDF: the catalog has no page tree")
	}
	pages := map[int]int{} // page object → page number
	if err := r.pageTree(root, pages, 0); err != nil {
		return nil, err
	}
	dests := map[string]int{}
	at := refIn(catalog, "Dests")
	if at < 0 {
		return dests, nil // no link points inside the document
	}
	body, err := r.object(at)
	if err != nil {
		return nil, err
	}
	for _, m := range destEntry.FindAllSubmatch(body, -1) {
		obj, _ := strconv.Atoi(string(m[2]))
		n, ok := pages[obj]
		if !ok {
			return nil, fmt.Errorf("read PDF: destination %s points to object %d, which is no page", m[1], obj)
		}
		dests[pdfName(m[1])] = n
	}
	return dests, nil
}

var (
	startXref = regexp.MustCompile(`startxref\s+(\d+)\s+%%EOF\s*$`)
	xrefHead  = regexp.MustCompile(`^xref\s+(\d+) (\d+)\s+`)
	xrefEntry = regexp.MustCompile(`^(\d{10}) (\d{5}) ([nf])`)
	rootRef   = regexp.MustCompile(`/Root (\d+) 0 R`)
	kidRef    = regexp.MustCompile(`(\d+) 0 R`)
	kidsArray = regexp.MustCompile(`/Kids\s*\[([^\]]*)\]`)
	// A destination: a name, then an array whose first item is its page.
	destEntry = regexp.MustCompile(`/([^\s/\[\]<>(){}%]+)\s*\[\s*(\d+) 0 R`)
)

// pdfReader finds the objects of a PDF through its cross reference table.
type pdfReader struct {
	pdf     []byte
	offsets map[int]int // object number → byte offset of "N 0 obj"
	trailer []byte
}

func newPDFReader(pdf []byte) (*pdfReader, error) {
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		return nil, errors.New("read PDF: not a PDF")
	}
	m := startXref.FindSubmatch(pdf[max(0, len(pdf)-64):])
	if m == nil {
		return nil, errors.New("read PDF: no startxref at the end")
	}
	at, _ := strconv.Atoi(string(m[1]))
	if at >= len(pdf) {
		return nil, errors.New("read PDF: startxref points past the end")
	}
	rest := pdf[at:]
	head := xrefHead.FindSubmatch(rest)
	if head == nil {
		return nil, errors.New("read PDF: no classic cross reference table (a cross reference stream is not read)")
	}
	first, _ := strconv.Atoi(string(head[1]))
	count, _ := strconv.Atoi(string(head[2]))
	rest = rest[len(head[0]):]
	r := &pdfReader{pdf: pdf, offsets: map[int]int{}}
	for i := 0; i < count; i++ {
		e := xrefEntry.FindSubmatch(rest)
		if e == nil {
			return nil, fmt.Errorf("read PDF: cross reference entry %d is malformed", first+i)
		}
		if string(e[3]) == "n" {
			off, _ := strconv.Atoi(string(e[1]))
			r.offsets[first+i] = off
		}
		rest = bytes.TrimLeft(rest[len(e[0]):], " \r\n")
	}
	if i := bytes.Index(rest, []byte("trailer")); i >= 0 {
		r.trailer = rest[i:]
	}
	return r, nil
}

// object returns the body of object n, between "n 0 obj" and "endobj".
func (r *pdfReader) object(n int) ([]byte, error) {
	off, ok := r.offsets[n]
	if !ok || off >= len(r.pdf) {
		return nil, fmt.Errorf("read PDF: no object %d", n)
	}
	body := r.pdf[off:]
	head := []byte(strconv.Itoa(n) + " 0 obj")
	if !bytes.HasPrefix(body, head) {
		return nil, fmt.Errorf("read PDF: object %d is not where the cross reference table says", n)
	}
	body = body[len(head):]
	// A dictionary object ends at the first endobj; the objects read here
	// hold no stream in which the word could appear.
	end := bytes.Index(body, []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("read PDF: object %d has no end", n)
	}
	return body[:end], nil
}

func (r *pdfReader) catalog() ([]byte, error) {
	m := rootRef.FindSubmatch(r.trailer)
	if m == nil {
		return nil, errors.New("read PDF: the trailer names no catalog")
	}
	n, _ := strconv.Atoi(string(m[1]))
	return r.object(n)
}

// pageTree numbers the pages under node in order, from after the count
// of pages already numbered.
func (r *pdfReader) pageTree(node int, pages map[int]int, depth int) error {
	if depth > 32 {
		return errors.New("read PDF: the page tree is too deep")
	}
	body, err := r.object(node)
	if err != nil {
		return err
	}
	kids := kidsArray.FindSubmatch(body)
	if kids == nil { // a leaf: a page
		pages[node] = len(pages) + 1
		return nil
	}
	for _, k := range kidRef.FindAllSubmatch(kids[1], -1) {
		kid, _ := strconv.Atoi(string(k[1]))
		if err := r.pageTree(kid, pages, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// refIn finds "/key N 0 R" in a dictionary and returns N, or -1.
func refIn(dict []byte, key string) int {
	m := regexp.MustCompile(`/` + key + `\s+(\d+) 0 R`).FindSubmatch(dict)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(string(m[1]))
	return n
}

// pdfName decodes a PDF name's #xx escapes: an id with a byte outside
// plain ASCII letters is written so.
func pdfName(raw []byte) string {
	var b []byte
	for i := 0; i < len(raw); i++ {
		if raw[i] == '#' && i+2 < len(raw) {
			if v, err := strconv.ParseUint(string(raw[i+1:i+3]), 16, 8); err == nil {
				b = append(b, byte(v))
				i += 2
				continue
			}
		}
		b = append(b, raw[i])
	}
	return string(b)
}
