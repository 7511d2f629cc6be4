package knowledge

import "context"

// Reloader replaces the knowledge served (package reload implements it); it is what a moderator's
// /reload needs. It lives here, with the knowledge, so that neither the bot nor the reloader
// imports the other. Trigger names who or what asked (for the audit log); data, when not nil, is a
// new knowledge file to validate and install in place of the current one.
type Reloader interface {
	Reload(ctx context.Context, trigger string, data []byte) (ReloadReport, error)
	// Available says whether reloading makes sense: false when the bot serves the embedded knowledge.
	Available() bool
}

// ReloadReport says what a reload changed: the versions before and after, the number of events
// served, and the ids of the events added, removed and changed.
type ReloadReport struct {
	OldVersion, NewVersion  string
	Events                  int
	Added, Removed, Changed []string
}
