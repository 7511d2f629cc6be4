package reload

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

// An uploaded knowledge file comes from a Discord moderator, not from the operator: its source.path
// must not reach files outside the knowledge file's folder, or the validation messages (which quote
// what the source has where a passage stops matching) read out any file the bot can read, such as
// the .env file holding DISCORD_TOKEN.
func TestUploadSourceMustStayInTheKnowledgeFolder(t *testing.T) {
	const secret = "MTAxNTk5OTk5OTk5OTk5OTk5.Gabcde.SECRETSECRETSECRET"
	outside := filepath.Join(t.TempDir(), ".env")
	if err := os.WriteFile(outside, []byte("DISCORD_TOKEN="+secret+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	path, orig := seedDir(t)
	// A relative path climbing out of the folder to the same file.
	rel, err := filepath.Rel(filepath.Dir(path), outside)
	if err != nil {
		t.Fatal(err)
	}
	for name, source := range map[string]string{"absolute": outside, "climbing": filepath.ToSlash(rel)} {
		t.Run(name, func(t *testing.T) {
			m, store, _ := newManager(t, path)
			old := store.Current()
			upload := []byte("format: 1\ntitle: t\nsource:\n  path: \"" + source + "\"\n  title: s\n  language: en\n  attribution: a\n" +
				"events:\n  - id: e1\n    date: 2016-01-01\n    title: x\n    summary: y\n    passages:\n      - \"DISCORD_TOKEN=zzz\"\n")
			_, err := m.Reload(context.Background(), "discord:42", upload)
			var ve *knowledge.ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("error %v, want a validation error", err)
			}
			if strings.Contains(err.Error(), secret[:8]) {
				t.Fatalf("the validation message reads out a file outside the knowledge folder:\n%v", err)
			}
			if !strings.Contains(err.Error(), "folder") {
				t.Errorf("the message should say the source must be in the knowledge file's folder:\n%v", err)
			}
			if store.Current() != old {
				t.Error("the old timeline should keep serving")
			}
			if got, _ := os.ReadFile(path); string(got) != string(orig) {
				t.Error("the knowledge file changed")
			}
		})
	}
}
