package markup

import (
	"errors"
	"fmt"

	"lentera/generator/fileerr"
)

// ErrNoAltText is what the warning about an image without alt text is
// (errors.Is): the build only warns, the check command counts it as an
// error.
var ErrNoAltText = errors.New("image without alt text")

type noAltText struct{ dest string }

func (e noAltText) Error() string {
	return fmt.Sprintf("image %s has no alt text: describe it in ![…] for readers who cannot see it", e.dest)
}

func (e noAltText) Is(target error) bool { return target == ErrNoAltText }

func (st *state) warnNoAlt(line int, dest []byte) {
	st.warnings = append(st.warnings, fileerr.New(st.in.Page.File, line, 0, noAltText{string(dest)}))
}
