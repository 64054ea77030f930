package main

import (
	"fmt"
	"io"

	"github.com/storygen/storygen/internal/scaffold"
)

func init() {
	register("new", "scaffold a new archive: storygen new site DIR", runNew)
}

func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) != 2 || args[0] != "site" {
		fmt.Fprintln(stderr, "usage: storygen new site DIR")
		return 2
	}
	files, err := scaffold.Site(args[1])
	if err != nil {
		fmt.Fprintf(stderr, "new: %v\n", err)
		return 1
	}
	for _, f := range files {
		fmt.Fprintf(stdout, "  %s\n", f)
	}
	fmt.Fprintf(stdout, "New archive in %s. Next:\n  cd %s && storygen serve --watch\n", args[1], args[1])
	return 0
}
