package main

import (
	"errors"
	"io"
)

func runPDF(args []string, stdout, stderr io.Writer) error {
	return errors.New("pdf: not built yet")
}
