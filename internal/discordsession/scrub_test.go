package discordsession

import (
	"errors"
	"io"
	"strings"
	"testing"
)

func TestScrubToken(t *testing.T) {
	const token = "c2VjcmV0LXRva2Vu"
	err := ScrubToken(&wrapped{"POST https://discord.com/api/v10/interactions/1/" + token + "/callback: EOF", io.EOF}, token)
	if strings.Contains(err.Error(), token) || !strings.Contains(err.Error(), "[interaction token]") {
		t.Errorf("the token is left: %v", err)
	}
	if !errors.Is(err, io.EOF) {
		t.Errorf("the cause is lost: %v", err)
	}
	for _, e := range []error{nil, io.EOF} {
		if got := ScrubToken(e, token); got != e {
			t.Errorf("ScrubToken(%v) = %v, want it unchanged", e, got)
		}
	}
}

type wrapped struct {
	msg string
	err error
}

func (w *wrapped) Error() string { return w.msg }
func (w *wrapped) Unwrap() error { return w.err }
