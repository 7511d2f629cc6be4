// Package signedrequest checks the requests of Discord's HTTP interactions protocol: a POST whose
// Ed25519 signature (X-Signature-Ed25519 over X-Signature-Timestamp + body) verifies with the
// application's public key, checked before the body is parsed, with a fresh timestamp and a body of
// bounded size; and that no interaction is handled twice (a replayed request).
package signedrequest

import (
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"io"
	"net/http"
	"strconv"
	"time"
)

// Limits of a signed request.
const (
	// MaxBody is the largest request body accepted; Discord's interactions are a few KiB.
	MaxBody = 64 << 10
	// MaxAge is how old a request's X-Signature-Timestamp may be; older requests are refused as
	// replays.
	MaxAge = 5 * time.Minute
	// MaxSkew is how far in the future a timestamp may be, for clocks that disagree a little.
	MaxSkew = time.Minute
)

// Verifier checks the requests signed with one application's key. It is safe for concurrent use.
type Verifier struct {
	key     ed25519.PublicKey
	now     func() time.Time
	replays *replayGuard
}

// NewVerifier returns a verifier of requests signed with key.
func NewVerifier(key ed25519.PublicKey) *Verifier {
	return &Verifier{key: key, now: time.Now, replays: newReplayGuard(MaxAge+MaxSkew, DefaultReplayCapacity)}
}

// Body returns the body of a request that is a POST, signed with the key, fresh and at most MaxBody
// bytes; otherwise it answers 405, 401, 413 or 400 itself and returns false.
func (v *Verifier) Body(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		Error(w, http.StatusMethodNotAllowed, "only POST is accepted")
		return nil, false
	}
	sigHex, tsText := r.Header.Get("X-Signature-Ed25519"), r.Header.Get("X-Signature-Timestamp")
	if sigHex == "" || tsText == "" {
		Error(w, http.StatusUnauthorized, "missing X-Signature-Ed25519 or X-Signature-Timestamp")
		return nil, false
	}
	if r.ContentLength > MaxBody {
		Error(w, http.StatusRequestEntityTooLarge, "body too large")
		return nil, false
	}
	// The signed message is timestamp + body: read the body right after the timestamp in one buffer.
	msg, err := readSigned(http.MaxBytesReader(w, r.Body, MaxBody), tsText, r.ContentLength)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			Error(w, http.StatusRequestEntityTooLarge, "body too large")
			return nil, false
		}
		Error(w, http.StatusBadRequest, "could not read the body")
		return nil, false
	}
	if !v.fresh(tsText) {
		Error(w, http.StatusUnauthorized, "stale or invalid timestamp")
		return nil, false
	}
	if !verify(v.key, sigHex, msg) {
		Error(w, http.StatusUnauthorized, "invalid request signature")
		return nil, false
	}
	return msg[len(tsText):], true
}

// First records an interaction id and reports whether it is the first request for it within the
// timestamp window. Call it only for requests whose signature verified, so that no one can fill
// the set with made-up ids to have real interactions refused.
func (v *Verifier) First(id string) bool { return v.replays.first(id, v.now()) }

// fresh reports whether a Unix-seconds timestamp is within the accepted window.
func (v *Verifier) fresh(ts string) bool {
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return false
	}
	age := v.now().Sub(time.Unix(sec, 0))
	return age <= MaxAge && age >= -MaxSkew
}

// readSigned returns ts followed by everything read from body; size is the announced length
// (-1 when unknown), used to allocate once.
func readSigned(body io.Reader, ts string, size int64) ([]byte, error) {
	n := 512
	if size > 0 && size <= MaxBody {
		n = int(size) + 1 // +1 so that reading to EOF needs no growth
	}
	buf := append(make([]byte, 0, len(ts)+n), ts...)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)] // grow
		}
		m, err := body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+m]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return nil, err
		}
	}
}

// verify checks an Ed25519 signature (hex) over msg, the timestamp followed by the body.
func verify(key ed25519.PublicKey, sigHex string, msg []byte) bool {
	if len(key) != ed25519.PublicKeySize || len(sigHex) != 2*ed25519.SignatureSize {
		return false
	}
	var sig [ed25519.SignatureSize]byte
	if _, err := hex.Decode(sig[:], []byte(sigHex)); err != nil {
		return false
	}
	return ed25519.Verify(key, msg, sig[:])
}

// Error answers a request with a plain-text error.
func Error(w http.ResponseWriter, status int, msg string) {
	h := w.Header()
	h.Set("Content-Type", "text/plain; charset=utf-8")
	h.Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, msg+"\n")
}
