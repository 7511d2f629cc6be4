package config

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// The README's settings table is WriteMarkdown's output; this keeps the two from drifting apart.
func TestREADMEListsEverySettingAsTheTableDefinesIt(t *testing.T) {
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := WriteMarkdown(&want); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), strings.TrimSpace(want.String())) {
		t.Fatal("README.md's settings table differs from config.WriteMarkdown; regenerate it from the table in config/settings.go")
	}
}
