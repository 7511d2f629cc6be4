package bot

import (
	"context"
	"errors"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
	"github.com/dustin/go-humanize"

	"github.com/timelinebot/timelinebot/internal/fetch"
	"github.com/timelinebot/timelinebot/internal/moderator"
	"github.com/timelinebot/timelinebot/internal/shorten"
	"github.com/timelinebot/timelinebot/knowledge"
)

// isModerator checks on the bot's side, whatever Discord's command permissions say (server admins
// can override those), that the member may run moderator commands (package internal/moderator).
func (b *Bot) isModerator(in *Interaction) bool {
	if in.Member == nil {
		return false // not in DMs
	}
	return moderator.Is(b.opts.ModeratorRoleIDs, b.opts.GuildID, in.GuildID, in.Member.Roles, in.Member.Permissions)
}

// moderatorsOnly is the middleware of moderator commands: anyone else is refused, told that only
// moderators can do what (a bilingual both).
func (b *Bot) moderatorsOnly(what both, next Handler) Handler {
	return func(ctx context.Context, in *Interaction) (Reply, error) {
		if !b.isModerator(in) {
			b.log.Warn(strings.TrimPrefix(in.Path, "/")+" refused", "user", in.UserID(), "guild", in.GuildID)
			return notice(in.Lang, Refusal{Code: CodeNotModerator, Args: []any{what}}), nil
		}
		return next(ctx, in)
	}
}

func (b *Bot) cmdReload(ctx context.Context, in *Interaction) (Reply, error) {
	if b.opts.Reloader == nil || !b.opts.Reloader.Available() {
		return notice(in.Lang, Refusal{Code: CodeNoReloadFile}), nil
	}
	// Validation and a download may take longer than the 3-second window.
	if err := in.Defer(ctx, true); err != nil {
		return Reply{}, err
	}
	var data []byte
	var err error
	trigger, version, file := "discord:"+in.UserID(), in.String("version"), in.Option("file")
	switch {
	case file != nil && version != "":
		return Notice(tr(in.Lang, "Give a file or a version, not both; nothing was changed.",
			"Donnez un fichier ou une version, pas les deux ; rien n'a été modifié.")), nil
	case file != nil:
		_, data, err = b.fetchAttachment(ctx, in, file, reloadUpload)
	case version != "" && b.opts.Versions == nil:
		return Notice(tr(in.Lang, "No database keeps knowledge versions here (DATABASE_URL=none); reload a file instead.",
			"Aucune base de données ne garde les versions ici (DATABASE_URL=none) ; rechargez un fichier.")), nil
	case version != "":
		// A stored version is installed like an upload of the file it was: validated, written over
		// the knowledge file (the file is the operator's latest word at the next start), served.
		if data, err = b.opts.Versions.VersionContent(ctx, version); err != nil {
			b.log.Warn("read a stored knowledge version", "version", version, "err", err)
			err = fmt.Errorf(tr(in.Lang, "Version `%s` is not in the database (pick one of the suggestions, or see `timelinebot versions`); nothing was changed.",
				"La version `%s` n'est pas dans la base (choisissez une suggestion, ou voyez `timelinebot versions`) ; rien n'a été modifié."), shorten.Text(version, 40))
		}
		trigger += " version:" + version
	}
	if err != nil {
		return Notice(err.Error()), nil
	}
	rep, err := b.opts.Reloader.Reload(ctx, trigger, data)
	if err != nil {
		msg := tr(in.Lang, "Reload refused; the previous knowledge keeps serving.\n", "Rechargement refusé ; les connaissances précédentes restent en service.\n")
		return Reply{Content: codeBlock(msg, err.Error()), Ephemeral: true}, nil
	}
	summary := reloadSummary(rep, in.Lang)
	if version != "" && rep.NewVersion != version {
		// The stored file names a source file whose text on disk is no longer the stored one.
		summary += tr(in.Lang, fmt.Sprintf("\nNote: the source file on the server has changed since `%s` was stored, so this is a new version.", shorten.Text(version, 40)),
			fmt.Sprintf("\nNote : le fichier source sur le serveur a changé depuis `%s`, d'où une nouvelle version.", shorten.Text(version, 40)))
	}
	return Notice(summary), nil
}

func reloadSummary(r knowledge.ReloadReport, lang string) string {
	var b strings.Builder
	if r.OldVersion == r.NewVersion {
		fmt.Fprintf(&b, tr(lang, "Reloaded: no change (version `%s`, %d events).", "Rechargé : aucun changement (version `%s`, %d événements)."), r.NewVersion, r.Events)
		return b.String()
	}
	fmt.Fprintf(&b, tr(lang, "Reloaded: version `%s` → `%s`, %d events.", "Rechargé : version `%s` → `%s`, %d événements."), r.OldVersion, r.NewVersion, r.Events)
	list := func(label string, ids []string) {
		if len(ids) > 0 {
			fmt.Fprintf(&b, "\n%s (%d): %s", label, len(ids), strings.Join(ids, ", "))
		}
	}
	list(tr(lang, "Added", "Ajoutés"), r.Added)
	list(tr(lang, "Removed", "Retirés"), r.Removed)
	list(tr(lang, "Changed", "Modifiés"), r.Changed)
	return shorten.Text(b.String(), maxContent)
}

// DefaultAttachmentMaxBytes caps an uploaded knowledge file when Options.AttachmentMaxBytes is 0.
const DefaultAttachmentMaxBytes = 1 << 20

// upload is what a command accepts as an attachment: its names, for messages, the extensions of
// the files it reads, and the message (English, French) naming them, its %s the file's name.
type upload struct {
	command, commandFR string
	exts               []string
	wrongType          [2]string
}

var reloadUpload = upload{"/reload", "/recharger", []string{".yaml", ".yml"}, [2]string{
	"%s is not a knowledge file: upload a YAML file ending in .yaml or .yml (see docs/knowledge-format.md).",
	"%s n'est pas un fichier de connaissances : envoyez un fichier YAML se terminant par .yaml ou .yml (voir docs/knowledge-format.md)."}}

// fetchAttachment downloads the file attached to a moderator command (/reload, /draft) as option
// o, whose value is the attachment's id that Discord resolves in the command data. The file must
// be of a type up reads and within AttachmentMaxBytes, as Discord announces it and as downloaded
// (package internal/fetch). The returned error is the message to show the moderator.
func (b *Bot) fetchAttachment(ctx context.Context, in *Interaction, o *discordgo.ApplicationCommandInteractionDataOption, up upload) (*discordgo.MessageAttachment, []byte, error) {
	lang, command := in.Lang, tr(in.Lang, up.command, up.commandFR)
	id, _ := o.Value.(string)
	var att *discordgo.MessageAttachment
	if r := in.ApplicationCommandData().Resolved; r != nil && id != "" {
		att = r.Attachments[id]
	}
	if att == nil || att.URL == "" {
		return nil, nil, fmt.Errorf(tr(lang, "Discord did not send the attached file; attach it again and retry %s.",
			"Discord n'a pas transmis le fichier joint ; joignez-le de nouveau et relancez %s."), command)
	}
	name := shownName(att.Filename)
	if !slices.Contains(up.exts, strings.ToLower(path.Ext(att.Filename))) {
		return nil, nil, fmt.Errorf(tr(lang, up.wrongType[0], up.wrongType[1]), name)
	}
	limit := b.opts.AttachmentMaxBytes
	tooLarge := func(size int64) error {
		return fmt.Errorf(tr(lang, "%s is %s; the limit for an uploaded file is %s (ATTACHMENT_MAX_BYTES). Nothing was changed.",
			"%s fait %s ; la limite d'un fichier envoyé est de %s (ATTACHMENT_MAX_BYTES). Rien n'a été modifié."),
			name, humanize.IBytes(uint64(size)), humanize.IBytes(uint64(limit)))
	}
	if int64(att.Size) > limit {
		return nil, nil, tooLarge(int64(att.Size))
	}
	data, err := fetch.Get(ctx, b.opts.HTTPClient, att.URL, limit)
	var large *fetch.TooLargeError
	switch {
	case err == nil:
		return att, data, nil
	case errors.As(err, &large):
		return nil, nil, tooLarge(large.Size)
	case errors.Is(err, fetch.ErrNotWeb):
		return nil, nil, errors.New(tr(lang, "Discord sent an attachment address that is not a web address; attach the file again.",
			"Discord a transmis une adresse de fichier qui n'est pas une adresse web ; joignez le fichier de nouveau."))
	}
	b.log.Warn("download attachment", "file", att.Filename, "err", err)
	why := tr(lang, "the download failed", "le téléchargement a échoué")
	if status := (*fetch.StatusError)(nil); errors.As(err, &status) {
		why = status.Error()
	} else if errors.Is(err, fetch.ErrCutOff) {
		why = tr(lang, "the download was cut off", "le téléchargement a été interrompu")
	}
	return nil, nil, fmt.Errorf(tr(lang, "Could not download %s (%s); nothing was changed. Try %s again.",
		"Impossible de télécharger %s (%s) ; rien n'a été modifié. Relancez %s."), name, why, command)
}

// shownName is a file's name as shown back to its uploader: it is their text, so through the
// sanitizer, and quoted.
func shownName(filename string) string { return `"` + untrustedLine(filename) + `"` }
