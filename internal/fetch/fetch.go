// Package fetch downloads a file of bounded size from a web address: the size the server announces
// is checked, and then the size read, since the announcement is not the download.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"
)

// DefaultTimeout bounds a download when Get is given no client.
const DefaultTimeout = 30 * time.Second

var (
	// ErrNotWeb is the error of an address that is not http: or https:.
	ErrNotWeb = errors.New("not a web address")
	// ErrCutOff wraps a failure while reading the body.
	ErrCutOff = errors.New("the download was cut off")
)

// TooLargeError is the error of a file over the limit; Size is what was announced or read.
type TooLargeError struct{ Size int64 }

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("the file is too large (%d bytes)", e.Size)
}

// StatusError is the error of an answer other than 200 OK.
type StatusError struct{ Status string }

func (e *StatusError) Error() string { return "HTTP " + e.Status }

// Get downloads rawURL with client (nil: one with DefaultTimeout) and returns its body, of at most
// limit bytes.
func Get(ctx context.Context, client *http.Client, rawURL string, limit int64) ([]byte, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, ErrNotWeb
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, err
	}
	if client == nil {
		client = &http.Client{Timeout: DefaultTimeout}
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &StatusError{Status: resp.Status}
	}
	if resp.ContentLength > limit {
		return nil, &TooLargeError{Size: resp.ContentLength}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrCutOff, err)
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Size: int64(len(data))}
	}
	return data, nil
}
