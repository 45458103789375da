//go:build !unix

package sitefs

const nonBlock = 0
