package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestConfigShowsTheSettingsEvenWhenOneIsInvalidAndNeverTheSecrets(t *testing.T) {
	var out, errOut bytes.Buffer
	env := []string{"OPENAI_TIMEOUT=5", "DISCORD_TOKEN=MTAxNTk5.secret-token-value-9z", "OPENAI_API_KEY=sk-abcdefghijklmnop1234"}
	err := run(context.Background(), []string{"config"}, env, &out, &errOut)
	if err == nil || !strings.Contains(err.Error(), "OPENAI_TIMEOUT") {
		t.Fatalf("want the invalid setting named in the error, got %v", err)
	}
	table := out.String()
	for _, want := range []string{"OPENAI_TIMEOUT", "env (invalid)", "DISCORD_API_URL", "default"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	for _, secret := range []string{"secret-token-value", "abcdefghijklmnop"} {
		if strings.Contains(table+errOut.String()+err.Error(), secret) {
			t.Errorf("a secret was printed:\n%s", table)
		}
	}
}
