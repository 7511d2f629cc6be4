// Command timelinebot answers questions about a chronology, grounded in its source and citing it
// verbatim: on Discord (`serve`), on the command line (`ask`), and as a regression test (`eval`).
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Environ(), os.Stdout, os.Stderr); err != nil {
		if code, ok := err.(exitCode); ok {
			os.Exit(int(code))
		}
		fmt.Fprintln(os.Stderr, "timelinebot:", err)
		os.Exit(1)
	}
}
