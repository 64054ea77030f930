package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"github.com/storygen/storygen/internal/config"
	"github.com/storygen/storygen/internal/serve"
)

func init() {
	register("serve", "preview the site in a browser; --watch rebuilds and reloads on changes", runServe)
}

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf siteFlags
	sf.register(fs)
	watch := fs.Bool("watch", false, "rebuild when content, templates, themes or site.toml change, and reload the browser")
	bind := fs.String("bind", "127.0.0.1", "address to listen on (loopback by default: the preview is not for the network)")
	port := fs.Int("port", 1313, "port to listen on; 0 picks a free one")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "serve: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if *port < 0 || *port > 65535 {
		fmt.Fprintf(stderr, "serve: --port %d: want 0 to 65535\n", *port)
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	srv := serve.New(serve.Options{
		Root:       sf.source,
		LoadConfig: func() (*config.Config, error) { return sf.loadConfig() },
		Drafts:     sf.drafts,
		Log:        stderr,
	})
	rep := srv.Rebuild(0, 0)
	if rep.Summary != nil {
		for _, w := range rep.Summary.Warnings {
			fmt.Fprintf(stderr, "warning: %s\n", w)
		}
	}
	if rep.Err != nil && !*watch {
		return 1
	}

	ln, err := net.Listen("tcp", net.JoinHostPort(*bind, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	base := "/"
	if cfg, err := sf.loadConfig(); err == nil {
		base = cfg.BasePath()
	}
	fmt.Fprintf(stdout, "serving at http://%s%s", ln.Addr(), base)
	if *watch {
		fmt.Fprint(stdout, " (watching for changes)")
	}
	fmt.Fprintln(stdout, "; press Ctrl-C to stop")

	if *watch {
		w, err := srv.Watch(ctx)
		if err != nil {
			fmt.Fprintf(stderr, "serve: %v\n", err)
			_ = ln.Close()
			return 1
		}
		defer func() {
			if err := w.Close(); err != nil {
				fmt.Fprintf(stderr, "serve: %v\n", err)
			}
		}()
	}
	if err := srv.Serve(ctx, ln); err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	}
	fmt.Fprintln(stderr, "serve: stopped")
	return 0
}
