package bot

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/timelinebot/timelinebot/metrics"
)

// Code is what the bot did with an interaction or a message, when it did not simply show what was
// asked for: a refusal, a failure, an acknowledgement. The code, never the text, decides both the
// message shown (in the asker's language) and the metric label counted.
type Code string

// Codes. Those of questions are counted under a metrics outcome (see Label).
const (
	CodeAnswered    Code = "answered"
	CodeNoAnswer    Code = "no_answer"
	CodeEmpty       Code = "empty"        // a question with no words
	CodeTooLong     Code = "too_long"     // longer than MAX_QUESTION_LENGTH
	CodeRateLimited Code = "rate_limited" // the user asked too fast
	CodeNotHere     Code = "not_here"     // outside ALLOWED_CHANNEL_IDS
	CodeAnswerError Code = "answer_error" // the answerer failed

	CodeFailed         Code = "failed" // a handler failed
	CodeRestarting     Code = "restarting"
	CodeUnknownCommand Code = "unknown_command"
	CodeStaleButton    Code = "stale_button"
	CodeEventGone      Code = "event_gone"
	CodePickOne        Code = "pick_one"
	CodeFeedbackNoted  Code = "feedback_noted"
	CodeFeedbackAgain  Code = "feedback_again"
	CodeBadDate        Code = "bad_date"
	CodeDatesReversed  Code = "dates_reversed"
	CodeNoEventMatch   Code = "no_event_match"
	CodeNotModerator   Code = "not_moderator"
	CodeNoReloadFile   Code = "no_reload_file"
	CodeNoDrafter      Code = "no_drafter"
	CodeNoDraftFile    Code = "no_draft_file"
)

var labels = map[Code]string{CodeAnswered: metrics.OutcomeAnswered, CodeNoAnswer: metrics.OutcomeNoAnswer,
	CodeRateLimited: metrics.OutcomeRateLimited, CodeAnswerError: metrics.OutcomeError, CodeFailed: metrics.OutcomeError}

// Label is the metrics outcome a question refused or answered with this code counts under.
func (c Code) Label() string { return cmp.Or(labels[c], metrics.OutcomeRefused) }

// Refusal is a code with the values its message names.
type Refusal struct {
	Code Code
	// Args fill the message's verbs; a bilingual value (both) is taken in the message's language.
	Args []any
}

// both is an argument of a message that differs by language.
type both struct{ en, fr string }

var messages = map[Code][2]string{
	CodeEmpty:       {"Ask a question, for example: %s", "Posez une question, par exemple : %s"},
	CodeTooLong:     {"Your question is %d characters long; the limit is %d. Please shorten it.", "Votre question fait %d caractères ; la limite est de %d. Raccourcissez-la, s'il vous plaît."},
	CodeRateLimited: {"You are asking faster than I can keep up with. Please wait a little and ask again.", "Vous posez vos questions un peu trop vite. Attendez un instant et réessayez."},
	CodeNotHere:     {"I answer only in %s here; please ask there.", "Je ne réponds ici que dans %s ; posez votre question là-bas."},
	CodeAnswerError: {"Sorry, I could not answer that just now. Please try again.", "Désolé, je n'ai pas pu répondre. Réessayez, s'il vous plaît."},

	CodeFailed:         {"Sorry, something went wrong. Please try again.", "Désolé, une erreur s'est produite. Réessayez, s'il vous plaît."},
	CodeRestarting:     {"The bot is restarting; please ask again in a moment.", "Le bot redémarre ; réessayez dans un instant."},
	CodeUnknownCommand: {"Unknown command; it may be from an older version of the bot.", "Commande inconnue ; elle vient peut-être d'une ancienne version du bot."},
	CodeStaleButton:    {"This button is not supported any more.", "Ce bouton n'est plus pris en charge."},
	CodeEventGone: {"That event is no longer in the timeline (the knowledge was edited). Ask again.",
		"Cet événement n'est plus dans la chronologie (les connaissances ont été modifiées). Reposez la question."},
	CodePickOne:       {"Pick one event.", "Choisissez un événement."},
	CodeFeedbackNoted: {"Thanks — your feedback is noted for the moderators.", "Merci — votre avis est transmis aux modérateurs."},
	CodeFeedbackAgain: {"Thanks, your feedback is already noted.", "Merci, votre avis est déjà noté."},
	CodeBadDate:       {"I could not read \"%s\" as a date. Try %s.", "Je n'ai pas compris la date \"%s\". Essayez %s."},
	CodeDatesReversed: {"The first date is after the last one.", "La première date est postérieure à la dernière."},
	CodeNoEventMatch: {"No event matches \"%s\". Start typing and pick one of the suggestions, or try /timeline.",
		"Aucun événement ne correspond à \"%s\". Commencez à taper et choisissez une suggestion, ou essayez /chronologie."},
	CodeNotModerator: {"Only moderators can %s: members with a moderator role (MODERATOR_ROLE_IDS), or with Manage Server or Administrator in the bot's home server (DISCORD_GUILD_ID).",
		"Seuls les modérateurs peuvent %s : les membres ayant un rôle modérateur (MODERATOR_ROLE_IDS), ou Gérer le serveur / Administrateur sur le serveur principal du bot (DISCORD_GUILD_ID)."},
	CodeNoReloadFile: {"The bot serves its embedded knowledge: there is no file to reload. Set KNOWLEDGE_FILE to a knowledge file (see `timelinebot init`) and restart.",
		"Le bot sert ses connaissances intégrées : il n'y a pas de fichier à recharger. Définissez KNOWLEDGE_FILE (voir `timelinebot init`) et redémarrez."},
	CodeNoDrafter: {"Drafting is not available on this bot.", "La rédaction de brouillons n'est pas disponible sur ce bot."},
	CodeNoDraftFile: {"Attach the article to /draft (option file): a .txt, .md or .html file.",
		"Joignez l'article à /brouillon (option fichier) : un fichier .txt, .md ou .html."},
}

// Text is the refusal's message in lang.
func (r Refusal) Text(lang string) string {
	m, ok := messages[r.Code]
	if !ok {
		m = messages[CodeFailed]
	}
	if len(r.Args) == 0 {
		return tr(lang, m[0], m[1])
	}
	args := slices.Clone(r.Args)
	for i, a := range args {
		if b, ok := a.(both); ok {
			args[i] = tr(lang, b.en, b.fr)
		}
	}
	return fmt.Sprintf(tr(lang, m[0], m[1]), args...)
}

// notice is the ephemeral message of a refusal.
func notice(lang string, r Refusal) Reply {
	n := Notice(r.Text(lang))
	n.code = r.Code
	return n
}
