package bot

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/knowledge"
)

// isModerator checks on the bot's side, whatever Discord's command permissions say (server admins
// can override those), that the member may run moderator commands (see IsModerator).
func (b *Bot) isModerator(in *Interaction) bool {
	if in.Member == nil {
		return false // not in DMs
	}
	return IsModerator(b.opts.ModeratorRoleIDs, b.opts.GuildID, in.GuildID, in.Member.Roles, in.Member.Permissions)
}

// IsModerator is the moderator rule, for /reload and for the moderators' web page: a member of
// guildID with one of the moderator roles, or with Manage Server / Administrator in the
// operator's own server (homeGuildID, DISCORD_GUILD_ID). Permissions in any other server do not
// count: with global commands, the admin of every server that invited the bot would otherwise be
// able to replace the knowledge all servers are served.
func IsModerator(moderatorRoleIDs []string, homeGuildID, guildID string, roles []string, permissions int64) bool {
	for _, r := range roles {
		if slices.Contains(moderatorRoleIDs, r) {
			return true
		}
	}
	if homeGuildID == "" || guildID != homeGuildID {
		return false
	}
	return permissions&discordgo.PermissionAdministrator != 0 || permissions&discordgo.PermissionManageGuild != 0
}

func (b *Bot) cmdReload(ctx context.Context, in *Interaction) (Reply, error) {
	if !b.isModerator(in) {
		b.log.Warn("reload refused", "user", in.UserID(), "guild", in.GuildID)
		return notice(in.Lang, Refusal{Code: CodeNotModerator, Args: []any{both{"reload the knowledge", "recharger les connaissances"}}}), nil
	}
	if b.opts.Reloader == nil || !b.opts.Reloader.Available() {
		return notice(in.Lang, Refusal{Code: CodeNoReloadFile}), nil
	}
	// Validation and a download may take longer than the 3-second window.
	if err := in.Defer(ctx, true); err != nil {
		return Reply{}, err
	}
	var data []byte
	trigger := "discord:" + in.UserID()
	version := in.String("version")
	if o := in.Option("file"); o != nil {
		if version != "" {
			return Reply{Content: tr(in.Lang, "Give a file or a version, not both; nothing was changed.",
				"Donnez un fichier ou une version, pas les deux ; rien n'a été modifié."), Ephemeral: true}, nil
		}
		var err error
		if data, err = b.fetchAttachment(ctx, in, o, reloadUpload); err != nil {
			return Reply{Content: truncate(err.Error(), maxContent), Ephemeral: true}, nil
		}
	} else if version != "" {
		// A stored version is installed like an upload of the file it was: validated, written over
		// the knowledge file (the file is the operator's latest word at the next start), served.
		var err error
		if data, err = b.storedVersion(ctx, in, version); err != nil {
			return Reply{Content: truncate(err.Error(), maxContent), Ephemeral: true}, nil
		}
		trigger += " version:" + version
	}
	rep, err := b.opts.Reloader.Reload(ctx, trigger, data)
	if err != nil {
		msg := tr(in.Lang, "Reload refused; the previous knowledge keeps serving.\n", "Rechargement refusé ; les connaissances précédentes restent en service.\n")
		// The problems go in a code block; a ``` inside them (from the file) must not close it early.
		problems := strings.ReplaceAll(err.Error(), "```", "`\u200b``")
		return Reply{Content: truncate(msg+"```\n"+problems+"\n```", maxContent), Ephemeral: true}, nil
	}
	summary := reloadSummary(rep, in.Lang)
	if version != "" && rep.NewVersion != version {
		// The stored file names a source file whose text on disk is no longer the stored one.
		summary += tr(in.Lang, fmt.Sprintf("\nNote: the source file on the server has changed since `%s` was stored, so this is a new version.", truncate(version, 40)),
			fmt.Sprintf("\nNote : le fichier source sur le serveur a changé depuis `%s`, d'où une nouvelle version.", truncate(version, 40)))
	}
	return Reply{Content: truncate(summary, maxContent), Ephemeral: true}, nil
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
	return truncate(b.String(), maxContent)
}

// DefaultAttachmentMaxBytes caps an uploaded knowledge file when Options.AttachmentMaxBytes is 0.
const DefaultAttachmentMaxBytes = 1 << 20

// attachmentTimeout bounds the download of an uploaded knowledge file with the default client.
const attachmentTimeout = 30 * time.Second

// upload says what a command accepts as an attachment: the command's names (for messages) and the
// check of the file's name (filename is the uploader's, shown is the same sanitized and quoted for
// messages).
type upload struct {
	command, commandFR string
	checkName          func(filename, shown, lang string) error
}

// reloadUpload is a knowledge file for /reload: YAML.
var reloadUpload = upload{command: "/reload", commandFR: "/recharger", checkName: func(filename, name, lang string) error {
	if ext := strings.ToLower(path.Ext(filename)); ext != ".yaml" && ext != ".yml" {
		return fmt.Errorf(tr(lang, "%s is not a knowledge file: upload a YAML file ending in .yaml or .yml (see docs/knowledge-format.md).",
			"%s n'est pas un fichier de connaissances : envoyez un fichier YAML se terminant par .yaml ou .yml (voir docs/knowledge-format.md)."), name)
	}
	return nil
}}

// fetchAttachment downloads the file attached to a moderator command (/reload, /draft). The
// option's value is the attachment's id; Discord resolves it, with its URL, size and file name, in
// the command data. The file must pass up's name check and be within AttachmentMaxBytes, checked on
// the size Discord announces and again while reading, since the announced size is not the
// download. The returned error is the message to show the moderator.
func (b *Bot) fetchAttachment(ctx context.Context, in *Interaction, o *discordgo.ApplicationCommandInteractionDataOption, up upload) ([]byte, error) {
	lang := in.Lang
	id, _ := o.Value.(string)
	var att *discordgo.MessageAttachment
	if r := in.ApplicationCommandData().Resolved; r != nil && id != "" {
		att = r.Attachments[id]
	}
	if att == nil || att.URL == "" {
		return nil, fmt.Errorf(tr(lang, "Discord did not send the attached file; attach it again and retry %s.",
			"Discord n'a pas transmis le fichier joint ; joignez-le de nouveau et relancez %s."), tr(lang, up.command, up.commandFR))
	}
	// The file name is the uploader's text, shown back to them: through the sanitizer.
	name := `"` + untrustedLine(att.Filename) + `"`
	if err := up.checkName(att.Filename, name, lang); err != nil {
		return nil, err
	}
	limit := b.opts.AttachmentMaxBytes
	if limit <= 0 {
		limit = DefaultAttachmentMaxBytes
	}
	tooLarge := func(size int64) error {
		return fmt.Errorf(tr(lang, "%s is %s; the limit for an uploaded file is %s (ATTACHMENT_MAX_BYTES). Nothing was changed.",
			"%s fait %s ; la limite d'un fichier envoyé est de %s (ATTACHMENT_MAX_BYTES). Rien n'a été modifié."),
			name, byteSize(size), byteSize(limit))
	}
	if int64(att.Size) > limit {
		return nil, tooLarge(int64(att.Size))
	}
	u, err := url.Parse(att.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, errors.New(tr(lang, "Discord sent an attachment address that is not a web address; attach the file again.",
			"Discord a transmis une adresse de fichier qui n'est pas une adresse web ; joignez le fichier de nouveau."))
	}
	failed := func(why string) error {
		return fmt.Errorf(tr(lang, "Could not download %s (%s); nothing was changed. Try %s again.",
			"Impossible de télécharger %s (%s) ; rien n'a été modifié. Relancez %s."), name, why, tr(lang, up.command, up.commandFR))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, failed(err.Error())
	}
	client := b.opts.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: attachmentTimeout}
	}
	resp, err := client.Do(req)
	if err != nil {
		b.log.Warn("download reload attachment", "file", att.Filename, "err", err)
		return nil, failed(tr(lang, "the download failed", "le téléchargement a échoué"))
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b.log.Warn("download reload attachment", "file", att.Filename, "status", resp.Status)
		return nil, failed("HTTP " + resp.Status)
	}
	if resp.ContentLength > limit {
		return nil, tooLarge(resp.ContentLength)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		b.log.Warn("download reload attachment", "file", att.Filename, "err", err)
		return nil, failed(tr(lang, "the download was cut off", "le téléchargement a été interrompu"))
	}
	if int64(len(data)) > limit {
		return nil, tooLarge(int64(len(data)))
	}
	return data, nil
}

// byteSize formats a size for people: 1.5 MiB, 800 KiB, 12 bytes.
func byteSize(n int64) string {
	unit := func(d float64, name string) string {
		return strings.TrimSuffix(strconv.FormatFloat(float64(n)/d, 'f', 1, 64), ".0") + " " + name
	}
	switch {
	case n >= 1<<20:
		return unit(1<<20, "MiB")
	case n >= 1<<10:
		return unit(1<<10, "KiB")
	}
	return strconv.FormatInt(n, 10) + " bytes"
}
