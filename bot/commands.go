package bot

import (
	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/internal/shorten"
	"github.com/timelinebot/timelinebot/knowledge"
)

func loc(fr string) map[discordgo.Locale]string {
	return map[discordgo.Locale]string{discordgo.French: fr}
}

func option(typ discordgo.ApplicationCommandOptionType, name, nameFR, desc, descFR string) *discordgo.ApplicationCommandOption {
	return &discordgo.ApplicationCommandOption{Type: typ, Name: name, NameLocalizations: loc(nameFR), Description: desc, DescriptionLocalizations: loc(descFR)}
}

// command is a command for everyone, in DMs too, or for moderators (Manage Server by default, in
// servers only; the bot checks them again, see isModerator).
func command(name, nameFR, desc, descFR string, moderators bool, opts ...*discordgo.ApplicationCommandOption) *discordgo.ApplicationCommand {
	names, descs, dm := loc(nameFR), loc(descFR), !moderators
	c := &discordgo.ApplicationCommand{Name: name, NameLocalizations: &names, Description: desc, DescriptionLocalizations: &descs, DMPermission: &dm, Options: opts}
	if moderators {
		manageGuild := int64(discordgo.PermissionManageGuild)
		c.DefaultMemberPermissions = &manageGuild
	}
	return c
}

// Commands returns the application commands the bot registers, with French localizations; the
// example question is drawn from the timeline served.
func Commands(t *knowledge.Timeline) []*discordgo.ApplicationCommand {
	str, file := discordgo.ApplicationCommandOptionString, discordgo.ApplicationCommandOptionAttachment
	question := option(str, "question", "question", shorten.Text("For example: "+answer.Example(t, "en"), 100), shorten.Text("Par exemple : "+answer.Example(t, "fr"), 100))
	question.Required, question.MaxLength = true, 1000
	from := option(str, "from", "depuis", "First date, e.g. 2016-10-01 or October 2016", "Première date, p. ex. 2016-10-01 ou octobre 2016")
	to := option(str, "to", "jusqua", "Last date, e.g. 2016-12-31 or December 2016", "Dernière date, p. ex. 2016-12-31 ou décembre 2016")
	date := option(str, "date", "date", "Start typing a date or a word; pick an event", "Tapez une date ou un mot ; choisissez un événement")
	version := option(str, "version", "version", "A version kept in the database to serve again (undo a bad edit)", "Une version gardée en base à remettre en service (annuler une erreur)")
	from.MaxLength, to.MaxLength, date.MaxLength, version.MaxLength = 100, 100, 100, 100
	date.Required, date.Autocomplete, version.Autocomplete = true, true, true
	article := option(file, "file", "fichier", "The article: .txt, .md or a saved web page (.html)", "L'article : .txt, .md ou une page web enregistrée (.html)")
	article.Required = true
	return []*discordgo.ApplicationCommand{
		command("ask", "demander", "Ask a question about the timeline; the answer quotes the source", "Posez une question sur la chronologie ; la réponse cite la source", false,
			question, option(discordgo.ApplicationCommandOptionBoolean, "private", "privé", "Show the answer to you only", "Afficher la réponse pour vous seul")),
		command("timeline", "chronologie", "Browse the events in order, a page at a time", "Parcourir les événements dans l'ordre, page par page", false, from, to),
		command("event", "événement", "Show one event with all its passages", "Afficher un événement avec tous ses passages", false, date),
		command("source", "source", "What the bot knows: source, attribution, events, knowledge version", "Ce que sait le bot : source, attribution, événements, version", false),
		command("reload", "recharger", "Moderators: reload the knowledge file, or replace it with an uploaded one", "Modérateurs : recharger le fichier de connaissances, ou le remplacer", true,
			option(file, "file", "fichier", "A new knowledge file (YAML) to validate and install", "Un nouveau fichier de connaissances (YAML) à valider et installer"), version),
		command("draft", "brouillon", "Moderators: draft a knowledge file from an article (installs nothing)", "Modérateurs : rédiger un fichier de connaissances depuis un article (n'installe rien)", true, article),
	}
}
