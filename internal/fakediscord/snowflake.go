package fakediscord

import (
	"crypto/rand"
	"encoding/base64"
	"mime"
	"net/http"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// discordEpoch is the first second of 2015 in Unix milliseconds.
const discordEpoch = 1420070400000

var snowflakeState struct {
	sync.Mutex
	last uint64
}

// newSnowflake returns a process-unique, time-ordered Discord snowflake.
func newSnowflake() string {
	ms := uint64(time.Now().UnixMilli() - discordEpoch)
	v := ms<<22 | 1<<17 // worker 1, process 0
	snowflakeState.Lock()
	if v <= snowflakeState.last {
		v = snowflakeState.last + 1
	}
	snowflakeState.last = v
	snowflakeState.Unlock()
	return strconv.FormatUint(v, 10)
}

func isSnowflake(id string) bool {
	if id == "" || len(id) > 20 {
		return false
	}
	_, err := strconv.ParseUint(id, 10, 64)
	return err == nil
}

// newInteractionToken returns a token shaped like Discord's (long, URL-safe).
func newInteractionToken() string {
	b := make([]byte, 120)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "aW50ZXJhY3Rpb246" + base64.RawURLEncoding.EncodeToString(b)
}

func contentTypeFor(filename string, content []byte) string {
	if ct := mime.TypeByExtension(filepath.Ext(filename)); ct != "" {
		return ct
	}
	return http.DetectContentType(content)
}

func timestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000000+00:00") }
