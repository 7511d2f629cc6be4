package bot

import (
	"context"
	"errors"
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
			choices = append(choices, &discordgo.ApplicationCommandOptionChoice{Name: versionLabel(v), Value: v.Version})
		}
	}
	return Reply{Choices: choices}, nil
}

// versionLabel names a version in a choice (at most 100 characters).
func versionLabel(v VersionChoice) string {
	label := fmt.Sprintf("%s · %d events · %s", v.Version, v.Events, v.LastServed.UTC().Format("2006-01-02 15:04"))
	if v.By != "" {
		label += " · " + v.By
	}
	if v.Title != "" {
		label += " · " + v.Title
	}
	return shorten.Text(label, 100)
}

// storedVersion fetches the content of the version a moderator asked /reload for. The returned
// error is the message to show.
func (b *Bot) storedVersion(ctx context.Context, in *Interaction, version string) ([]byte, error) {
	if b.opts.Versions == nil {
		return nil, errors.New(tr(in.Lang, "No database keeps knowledge versions here (DATABASE_URL=none); reload a file instead.",
			"Aucune base de données ne garde les versions ici (DATABASE_URL=none) ; rechargez un fichier."))
	}
	data, err := b.opts.Versions.VersionContent(ctx, version)
	if err != nil {
		b.log.Warn("read a stored knowledge version", "version", version, "err", err)
		return nil, fmt.Errorf(tr(in.Lang, "Version `%s` is not in the database (pick one of the suggestions, or see `timelinebot versions`); nothing was changed.",
			"La version `%s` n'est pas dans la base (choisissez une suggestion, ou voyez `timelinebot versions`) ; rien n'a été modifié."), shorten.Text(version, 40))
	}
	return data, nil
}
