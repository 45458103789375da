// Package counted counts the bytes written through a writer: where a
// cache section or a workbook part starts is how much was written before
// it.
package counted

import "io"

// Writer passes writes on to W and counts them.
type Writer struct {
	W io.Writer
	N int64 // bytes written so far
}

func (c *Writer) Write(b []byte) (int, error) {
	n, err := c.W.Write(b)
	c.N += int64(n)
	return n, err
}
