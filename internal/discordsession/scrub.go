package discordsession

import "strings"

// ScrubToken keeps an interaction's token out of an error bound for the log: the token is a
// credential (it edits and sends messages as the bot for 15 minutes), and discordgo's network
// errors quote the URL it is part of. errors.Is and errors.As still see the original error.
func ScrubToken(err error, token string) error {
	if err == nil || token == "" || !strings.Contains(err.Error(), token) {
		return err
	}
	return &scrubbedError{msg: strings.ReplaceAll(err.Error(), token, "[interaction token]"), err: err}
}

type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }
func (e *scrubbedError) Unwrap() error { return e.err }
