// Command smoke checks a built timelinebot binary in HTTP interactions mode, end to end, on this
// machine: it generates an Ed25519 key pair, starts a minimal stand-in for Discord's REST API (the
// two routes the start needs: the application and the bulk command overwrite, plus webhook edits),
// runs `timelinebot serve --mode http` as a child process, and checks /healthz, /readyz, a signed
// and a badly signed PING, a signed /ask, /metrics, and a clean exit on SIGTERM.
//
//	CGO_ENABLED=0 go build -o timelinebot ./cmd/timelinebot
//	go run ./deploy/smoke -bin ./timelinebot
//
// It prints what it did and exits 1 on the first failed check.
package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

const appID = "1234567890123456789"

func main() {
	bin := flag.String("bin", "./timelinebot", "the timelinebot binary to check")
	flag.Parse()
	if err := smoke(*bin); err != nil {
		fmt.Println("FAIL:", err)
		os.Exit(1)
	}
	fmt.Println("PASS")
}

func smoke(bin string) error {
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return err
	}
	api, calls := stubDiscord()
	defer api.Close()
	addr, err := freeAddr()
	if err != nil {
		return err
	}
	base := "http://" + addr
	dbDir, err := os.MkdirTemp("", "timelinebot-smoke-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dbDir)
	dbPath := dbDir + "/timelinebot.db"

	var logs bytes.Buffer
	cmd := exec.Command(bin, "serve", "--mode", "http")
	cmd.Env = append(os.Environ(),
		"DISCORD_TOKEN=smoke-test-token-not-a-real-one",
		"DISCORD_API_URL=http://"+api.Addr+"/api/v10",
		"DISCORD_PUBLIC_KEY="+hex.EncodeToString(pub),
		"HTTP_ADDR="+addr,
		"LOG_FORMAT=json",
		"SHUTDOWN_TIMEOUT=5s",
		// A database of its own, so the smoke test exercises recording and leaves nothing behind.
		"DATABASE_URL=sqlite://"+dbPath,
	)
	cmd.Stdout, cmd.Stderr = &logs, &logs
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() { _ = cmd.Process.Kill() }()
	step := func(format string, a ...any) { fmt.Printf("ok  "+format+"\n", a...) }
	step("started %s serve --mode http on %s (pid %d)", bin, addr, cmd.Process.Pid)

	if err := waitFor(base+"/readyz", 200, 10*time.Second); err != nil {
		return fmt.Errorf("%w\nlogs:\n%s", err, logs.String())
	}
	step("/readyz 200 after %v (commands registered: %s)", time.Since(start).Round(time.Millisecond), strings.Join(calls(), ", "))
	if code, body := get(base + "/healthz"); code != 200 {
		return fmt.Errorf("/healthz %d %q", code, body)
	}
	step("/healthz 200")

	ping := []byte(`{"id":"1","application_id":"` + appID + `","type":1,"token":"t","version":1}`)
	code, ctype, body := post(base+"/interactions", priv, time.Now(), ping)
	if code != 200 || ctype != "application/json" || body != `{"type":1}` {
		return fmt.Errorf("signed PING: %d %s %q", code, ctype, body)
	}
	step("signed PING -> 200 %s", body)
	_, other, _ := ed25519.GenerateKey(nil)
	if code, _, body = post(base+"/interactions", other, time.Now(), ping); code != 401 {
		return fmt.Errorf("PING signed with another key: %d %q", code, body)
	}
	step("PING signed with another key -> 401 %s", strings.TrimSpace(body))
	if code, _, body = post(base+"/interactions", priv, time.Now().Add(-10*time.Minute), ping); code != 401 {
		return fmt.Errorf("PING signed 10 minutes ago: %d %q", code, body)
	}
	step("PING with a 10-minute-old timestamp -> 401 %s", strings.TrimSpace(body))

	ask, _ := json.Marshal(map[string]any{
		"id": "2", "application_id": appID, "type": 2, "token": "tok", "version": 1, "locale": "en-US",
		"channel_id": "3", "user": map[string]any{"id": "4", "username": "smoke"},
		"data": map[string]any{"id": "5", "name": "ask", "type": 1,
			"options": []any{map[string]any{"name": "question", "type": 3, "value": "What did WikiLeaks request on October 21, 2016?"}}},
	})
	t0 := time.Now()
	code, ctype, body = post(base+"/interactions", priv, time.Now(), ask)
	var resp struct {
		Type int `json:"type"`
		Data struct {
			Embeds []struct {
				Description string `json:"description"`
				Fields      []struct{ Name, Value string }
			} `json:"embeds"`
			AllowedMentions map[string]any `json:"allowed_mentions"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(body), &resp); err != nil || code != 200 || resp.Type != 4 || len(resp.Data.Embeds) == 0 {
		return fmt.Errorf("/ask: %d %s %q", code, ctype, body)
	}
	e := resp.Data.Embeds[0]
	step("signed /ask -> 200 type %d in %v, allowed_mentions %v, %d citation(s); answer: %.90s…",
		resp.Type, time.Since(t0).Round(time.Microsecond), resp.Data.AllowedMentions, len(e.Fields), e.Description)

	_, metrics := get(base + "/metrics")
	for _, series := range []string{
		`timelinebot_questions_total{entry="http",outcome="answered"}`,
		`timelinebot_http_interactions_ready`,
		`timelinebot_knowledge_events`,
	} {
		v := value(metrics, series)
		if v == "" {
			return fmt.Errorf("/metrics lacks %s", series)
		}
		step("/metrics %s %s", series, v)
	}

	t1 := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("exit after SIGTERM: %w\nlogs:\n%s", err, logs.String())
		}
	case <-time.After(15 * time.Second):
		return errors.New("no exit within 15 s of SIGTERM")
	}
	step("SIGTERM -> exit status 0 after %v", time.Since(t1).Round(time.Millisecond))
	if strings.Contains(logs.String(), "smoke-test-token") {
		return errors.New("the bot token reached the logs")
	}
	step("the token is not in the %d log lines", strings.Count(logs.String(), "\n"))
	return nil
}

// stubDiscord serves the REST routes the start needs, recording what was called.
func stubDiscord() (*http.Server, func() []string) {
	var mu sync.Mutex
	var calls []string
	record := func(c string) { mu.Lock(); calls = append(calls, c); mu.Unlock() }
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v10/oauth2/applications/@me", func(w http.ResponseWriter, _ *http.Request) {
		record("GET oauth2/applications/@me")
		_ = json.NewEncoder(w).Encode(map[string]any{"id": appID, "name": "timelinebot", "description": ""})
	})
	mux.HandleFunc("PUT /api/v10/applications/{app}/commands", func(w http.ResponseWriter, r *http.Request) {
		var cmds []map[string]any
		_ = json.NewDecoder(r.Body).Decode(&cmds)
		for i, c := range cmds {
			c["id"], c["application_id"], c["version"] = strconv.Itoa(100+i), r.PathValue("app"), "1"
		}
		record(fmt.Sprintf("PUT applications/{app}/commands (%d commands)", len(cmds)))
		_ = json.NewEncoder(w).Encode(cmds)
	})
	mux.HandleFunc("PATCH /api/v10/webhooks/{app}/{token}/messages/@original", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(w, r.Body)
	})
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	srv := &http.Server{Addr: ln.Addr().String(), Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	return srv, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), calls...) }
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitFor(url string, status int, d time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	for ctx.Err() == nil {
		if code, _ := get(url); code == status {
			return nil
		}
		time.Sleep(20 * time.Millisecond)
	}
	return fmt.Errorf("%s never answered %d", url, status)
}

func get(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func post(url string, key ed25519.PrivateKey, at time.Time, body []byte) (int, string, string) {
	ts := strconv.FormatInt(at.Unix(), 10)
	req, _ := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Signature-Timestamp", ts)
	req.Header.Set("X-Signature-Ed25519", hex.EncodeToString(ed25519.Sign(key, append([]byte(ts), body...))))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, "", err.Error()
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), string(b)
}

func value(exposition, series string) string {
	for _, line := range strings.Split(exposition, "\n") {
		if rest, ok := strings.CutPrefix(line, series+" "); ok {
			return strings.Fields(rest)[0]
		}
	}
	return ""
}
