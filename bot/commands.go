package bot

import (
	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
	"github.com/timelinebot/timelinebot/knowledge"
)

func loc(fr string) *map[discordgo.Locale]string {
	return &map[discordgo.Locale]string{discordgo.French: fr}
}

// Commands returns the application commands the bot registers, with French localizations; the
// example question is drawn from the timeline served.
func Commands(t *knowledge.Timeline) []*discordgo.ApplicationCommand {
	dmOK := true
	manageGuild := int64(discordgo.PermissionManageGuild)
	noDM := false
	return []*discordgo.ApplicationCommand{
		{
			Name: "ask", NameLocalizations: loc("demander"),
			Description:              "Ask a question about the timeline; the answer quotes the source",
			DescriptionLocalizations: loc("Posez une question sur la chronologie ; la réponse cite la source"),
			DMPermission:             &dmOK,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "question", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "question"},
				Description:              truncate("For example: "+answer.Example(t, "en"), 100),
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: truncate("Par exemple : "+answer.Example(t, "fr"), 100)},
				Required:                 true, MaxLength: 1000,
			}, {
				Type: discordgo.ApplicationCommandOptionBoolean, Name: "private", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "privé"},
				Description:              "Show the answer to you only",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Afficher la réponse pour vous seul"},
			}},
		},
		{
			Name: "timeline", NameLocalizations: loc("chronologie"),
			Description:              "Browse the events in order, a page at a time",
			DescriptionLocalizations: loc("Parcourir les événements dans l'ordre, page par page"),
			DMPermission:             &dmOK,
			Options: []*discordgo.ApplicationCommandOption{
				{Type: discordgo.ApplicationCommandOptionString, Name: "from", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "depuis"},
					Description:              "First date, e.g. 2016-10-01 or October 2016",
					DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Première date, p. ex. 2016-10-01 ou octobre 2016"}, MaxLength: 100},
				{Type: discordgo.ApplicationCommandOptionString, Name: "to", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "jusqua"},
					Description:              "Last date, e.g. 2016-12-31 or December 2016",
					DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Dernière date, p. ex. 2016-12-31 ou décembre 2016"}, MaxLength: 100},
			},
		},
		{
			Name: "event", NameLocalizations: loc("événement"),
			Description:              "Show one event with all its passages",
			DescriptionLocalizations: loc("Afficher un événement avec tous ses passages"),
			DMPermission:             &dmOK,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionString, Name: "date", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "date"},
				Description:              "Start typing a date or a word; pick an event",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Tapez une date ou un mot ; choisissez un événement"},
				Required:                 true, Autocomplete: true, MaxLength: 100,
			}},
		},
		{
			Name: "source", NameLocalizations: loc("source"),
			Description:              "What the bot knows: source, attribution, events, knowledge version",
			DescriptionLocalizations: loc("Ce que sait le bot : source, attribution, événements, version"),
			DMPermission:             &dmOK,
		},
		{
			Name: "reload", NameLocalizations: loc("recharger"),
			Description:              "Moderators: reload the knowledge file, or replace it with an uploaded one",
			DescriptionLocalizations: loc("Modérateurs : recharger le fichier de connaissances, ou le remplacer"),
			DefaultMemberPermissions: &manageGuild,
			DMPermission:             &noDM,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "fichier"},
				Description:              "A new knowledge file (YAML) to validate and install",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Un nouveau fichier de connaissances (YAML) à valider et installer"},
			}, {
				Type: discordgo.ApplicationCommandOptionString, Name: "version", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "version"},
				Description:              "A version kept in the database to serve again (undo a bad edit)",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "Une version gardée en base à remettre en service (annuler une erreur)"},
				Autocomplete:             true, MaxLength: 100,
			}},
		},
		{
			Name: "draft", NameLocalizations: loc("brouillon"),
			Description:              "Moderators: draft a knowledge file from an article (installs nothing)",
			DescriptionLocalizations: loc("Modérateurs : rédiger un fichier de connaissances depuis un article (n'installe rien)"),
			DefaultMemberPermissions: &manageGuild,
			DMPermission:             &noDM,
			Options: []*discordgo.ApplicationCommandOption{{
				Type: discordgo.ApplicationCommandOptionAttachment, Name: "file", NameLocalizations: map[discordgo.Locale]string{discordgo.French: "fichier"},
				Description:              "The article: .txt, .md or a saved web page (.html)",
				DescriptionLocalizations: map[discordgo.Locale]string{discordgo.French: "L'article : .txt, .md ou une page web enregistrée (.html)"},
				Required:                 true,
			}},
		},
	}
}
