package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
)

// profiles are the --cpuprofile and --memprofile flags, for measuring where
// a build spends its time and memory with `go tool pprof`.
type profiles struct {
	cpu, mem string
	cpuFile  *os.File
}

func profileFlags(fl *flag.FlagSet) *profiles {
	p := &profiles{}
	fl.StringVar(&p.cpu, "cpuprofile", "", "write a CPU profile of the build to this file (for go tool pprof)")
	fl.StringVar(&p.mem, "memprofile", "", "write a heap profile, taken at the end of the build, to this file")
	return p
}

func (p *profiles) start() error {
	if p.cpu == "" {
		return nil
	}
	f, err := os.Create(p.cpu)
	if err != nil {
		return fmt.Errorf("--cpuprofile: %w", err)
	}
	p.cpuFile = f
	return pprof.StartCPUProfile(f)
}

// stop ends the CPU profile and writes the heap profile. The heap profile
// is of allocations over the whole run (alloc_space) as well as what is
// live at the end (inuse_space).
func (p *profiles) stop() error {
	if p.cpuFile != nil {
		pprof.StopCPUProfile()
		if err := p.cpuFile.Close(); err != nil {
			return fmt.Errorf("--cpuprofile: %w", err)
		}
	}
	if p.mem == "" {
		return nil
	}
	f, err := os.Create(p.mem)
	if err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	defer f.Close()
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		return fmt.Errorf("--memprofile: %w", err)
	}
	return f.Close()
}
