package main

import (
	"fmt"
	"io"
)

// version is set at link time (-ldflags "-X main.version=...") for releases.
var version = "dev"

func init() {
	register("version", "print the version", func(args []string, stdout, stderr io.Writer) int {
		fmt.Fprintf(stdout, "storygen %s\n", version)
		return 0
	})
}
