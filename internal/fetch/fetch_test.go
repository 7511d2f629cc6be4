package fetch

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestGet(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/small":
			w.Write([]byte("hello"))
		case "/announced": // Content-Length over the limit
			w.Write([]byte(strings.Repeat("x", 100)))
		case "/chunked": // no Content-Length: only reading tells
			w.(http.Flusher).Flush()
			w.Write([]byte(strings.Repeat("x", 100)))
		case "/cut": // announces more than it sends
			w.Header().Set("Content-Length", "10")
			w.Write([]byte("abc"))
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()
	var large *TooLargeError
	var status *StatusError
	for _, tc := range []struct {
		path string
		want string // the body, or the error's kind
	}{
		{"/small", "hello"},
		{"/announced", "too large"},
		{"/chunked", "too large"},
		{"/cut", "cut off"},
		{"/missing", "status"},
	} {
		data, err := Get(t.Context(), srv.Client(), srv.URL+tc.path, 50)
		got := string(data)
		switch {
		case errors.As(err, &large):
			got = "too large"
		case errors.As(err, &status):
			got = "status"
		case errors.Is(err, ErrCutOff):
			got = "cut off"
		case err != nil:
			got = err.Error()
		}
		if got != tc.want {
			t.Errorf("%s: %q, want %q", tc.path, got, tc.want)
		}
	}
	for _, addr := range []string{"file:///etc/passwd", "ftp://x/y", "::"} {
		if _, err := Get(t.Context(), nil, addr, 50); !errors.Is(err, ErrNotWeb) {
			t.Errorf("%s: %v, want ErrNotWeb", addr, err)
		}
	}
}
