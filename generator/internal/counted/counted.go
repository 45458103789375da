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

// ReadFrom passes r on to W's own ReadFrom where it has one: a copy from
// one file into another then stays in the system (copy_file_range on
// Linux), with no pass through the program's memory.
func (c *Writer) ReadFrom(r io.Reader) (int64, error) {
	n, err := io.Copy(c.W, r) // W's ReadFrom where it has one
	c.N += n
	return n, err
}
