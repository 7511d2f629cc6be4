package bot

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/bwmarrin/discordgo"
)

// Reloader reloads the knowledge. Trigger names who or what asked (for the audit log); data, when
// not nil, is a new knowledge file to validate and install in place of the current one.
type Reloader interface {
	Reload(ctx context.Context, trigger string, data []byte) (ReloadReport, error)
	// Available says whether reloading makes sense: false when the bot serves the embedded knowledge.
	Available() bool
}

// ReloadReport says what a reload changed.
type ReloadReport struct {
	OldVersion, NewVersion  string
	Events                  int
	Added, Removed, Changed []string
}

// isModerator checks on the bot's side, whatever Discord's command permissions say (server admins
// can override those), that the member may run moderator commands: Manage Server, Administrator, or
// one of the moderator roles.
func (b *Bot) isModerator(in *interaction) bool {
	if in.Member == nil {
		return false // not in DMs
	}
	p := in.Member.Permissions
	if p&discordgo.PermissionAdministrator != 0 || p&discordgo.PermissionManageGuild != 0 {
		return true
	}
	for _, r := range in.Member.Roles {
		if slices.Contains(b.opts.ModeratorRoleIDs, r) {
			return true
		}
	}
	return false
}

func (b *Bot) cmdReload(ctx context.Context, in *interaction) error {
	if !b.isModerator(in) {
		b.log.Warn("reload refused", "user", in.userID(), "guild", in.GuildID)
		return in.notice(ctx, "Only moderators (Manage Server, Administrator or a moderator role) can reload the knowledge.",
			"Seuls les modérateurs (Gérer le serveur, Administrateur ou un rôle modérateur) peuvent recharger les connaissances.")
	}
	if b.opts.Reloader == nil || !b.opts.Reloader.Available() {
		return in.notice(ctx, "The bot serves its embedded knowledge: there is no file to reload. Set KNOWLEDGE_FILE to a knowledge file (see `timelinebot init`) and restart.",
			"Le bot sert ses connaissances intégrées : il n'y a pas de fichier à recharger. Définissez KNOWLEDGE_FILE (voir `timelinebot init`) et redémarrez.")
	}
	// Validation and a download may take longer than the 3-second window.
	if err := in.r.respond(ctx, in.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	}); err != nil {
		return fmt.Errorf("defer reload: %w", err)
	}
	var data []byte
	if o := in.option("file"); o != nil {
		var err error
		if data, err = b.fetchAttachment(ctx, in, o); err != nil {
			return in.r.editOriginal(ctx, in.Interaction, Reply{Content: truncate(err.Error(), maxContent)}.WebhookEdit())
		}
	}
	rep, err := b.opts.Reloader.Reload(ctx, "discord:"+in.userID(), data)
	if err != nil {
		msg := tr(in.lang, "Reload refused; the previous knowledge keeps serving.\n", "Rechargement refusé ; les connaissances précédentes restent en service.\n")
		return in.r.editOriginal(ctx, in.Interaction, Reply{Content: truncate(msg+"```\n"+err.Error()+"\n```", maxContent)}.WebhookEdit())
	}
	return in.r.editOriginal(ctx, in.Interaction, Reply{Content: reloadSummary(rep, in.lang)}.WebhookEdit())
}

func reloadSummary(r ReloadReport, lang string) string {
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

// fetchAttachment is implemented with the reload issue; until then uploads are refused clearly.
func (b *Bot) fetchAttachment(ctx context.Context, in *interaction, o *discordgo.ApplicationCommandInteractionDataOption) ([]byte, error) {
	return nil, fmt.Errorf("%s", tr(in.lang, "Uploading a knowledge file is not supported yet; edit KNOWLEDGE_FILE on the server and run /reload.",
		"L'envoi d'un fichier n'est pas encore pris en charge ; modifiez KNOWLEDGE_FILE sur le serveur et lancez /recharger."))
}
