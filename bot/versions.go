package bot

import (
	"context"
	"fmt"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/internal/shorten"
)

// KnowledgeVersions lists and reads the knowledge versions kept in the database, for
// /reload version:.
type KnowledgeVersions interface {
	// ListVersions lists stored versions whose hash starts with prefix, the most recently served
	// first, at most limit.
	ListVersions(ctx context.Context, prefix string, limit int) ([]VersionChoice, error)
	// VersionContent returns a stored version's knowledge file.
	VersionContent(ctx context.Context, version string) ([]byte, error)
}

// VersionChoice describes a stored version in the autocomplete list.
type VersionChoice struct {
	Version    string
	Title      string
	Events     int
	LastServed time.Time
	By         string
}

// autocompleteVersion suggests stored versions for /reload version:, to moderators only: the list
// tells when the knowledge changed, which is for them.
func (b *Bot) autocompleteVersion(ctx context.Context, in *Interaction) (Reply, error) {
	choices := []*discordgo.ApplicationCommandOptionChoice{}
	if b.isModerator(in) && b.opts.Versions != nil {
		// Discord waits 3 seconds for suggestions; a slow database gets none rather than an error.
		lctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		vs, err := b.opts.Versions.ListVersions(lctx, in.String("version"), maxChoices)
		cancel()
		if err != nil {
			b.log.Warn("list stored knowledge versions", "err", err)
		}
		for _, v := range vs {
			label := fmt.Sprintf("%s · %d events · %s", v.Version, v.Events, v.LastServed.UTC().Format("2006-01-02 15:04"))
			for _, more := range []string{v.By, v.Title} {
				if more != "" {
					label += " · " + more
				}
			}
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: shorten.Text(label, maxChoiceName), Value: v.Version})
		}
	}
	return Reply{Choices: choices}, nil
}
