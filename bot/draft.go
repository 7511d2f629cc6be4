package bot

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/internal/shorten"
)

// Drafter drafts a knowledge file from a document (an article as text, Markdown or a saved web
// page), for /draft. Its errors are messages for the moderator.
type Drafter interface {
	Draft(ctx context.Context, name string, data []byte) (DraftFiles, error)
}

// DraftFiles is a draft: the files to attach and the report to show.
type DraftFiles struct {
	// Knowledge is knowledge.yaml with its source inline, so that it can be uploaded to
	// /reload file: as it is; Source is the same text as source.txt, to read or edit.
	Knowledge, Source []byte
	Report            string
}

var draftUpload = upload{"/draft", "/brouillon", []string{".txt", ".md", ".markdown", ".html", ".htm", ".xhtml"}, [2]string{
	"%s is not a document /draft reads: attach the article as .txt, .md or .html (a page saved from the browser).",
	"%s n'est pas un document que /brouillon lit : joignez l'article en .txt, .md ou .html (une page enregistrée depuis le navigateur)."}}

// cmdDraft drafts a knowledge file from an attached document and answers, privately, with the
// drafted files and the report. It installs nothing: the moderator reviews the file and uploads it
// with /reload file:.
func (b *Bot) cmdDraft(ctx context.Context, in *Interaction) (Reply, error) {
	if b.opts.Drafter == nil {
		return notice(in.Lang, Refusal{Code: CodeNoDrafter}), nil
	}
	o := in.Option("file")
	if o == nil {
		return notice(in.Lang, Refusal{Code: CodeNoDraftFile}), nil
	}
	// Downloading and drafting (with a model, a minute or more) take longer than the 3-second window.
	if err := in.Defer(ctx, true); err != nil {
		return Reply{}, err
	}
	att, data, err := b.fetchAttachment(ctx, in, o, draftUpload)
	if err != nil {
		return Notice(err.Error()), nil
	}
	name, shown := att.Filename, shownName(att.Filename)
	files, err := b.opts.Drafter.Draft(ctx, name, data)
	if err != nil {
		b.log.Info("draft failed", "user", in.UserID(), "file", name, "err", err)
		return Notice(fmt.Sprintf(tr(in.Lang, "Could not draft %s: %v", "Impossible de rédiger un brouillon de %s : %v"), shown, err)), nil
	}
	b.log.Info("draft", "user", in.UserID(), "file", name, "bytes", len(data))
	head := fmt.Sprintf(tr(in.Lang, "Draft of %s, installed nowhere: review knowledge.yaml, then upload it with /reload file: to serve it.\n",
		"Brouillon de %s, installé nulle part : relisez knowledge.yaml, puis envoyez-le avec /recharger fichier: pour le servir.\n"), shown)
	return Reply{Content: codeBlock(head, files.Report), Ephemeral: true, Files: []*discordgo.File{
		{Name: "knowledge.yaml", ContentType: "application/yaml", Reader: bytes.NewReader(files.Knowledge)},
		{Name: "source.txt", ContentType: "text/plain; charset=utf-8", Reader: bytes.NewReader(files.Source)},
	}}, nil
}

// codeBlock is head, then text in a code block that text (a report quoting a document, a file's
// problems) cannot close early, the whole within Discord's 2,000 characters with the block closed.
func codeBlock(head, text string) string {
	text = strings.ReplaceAll(text, "```", "`\u200b``")
	if s := head + "```\n" + text + "\n```"; utf8.RuneCountInString(s) <= maxContent {
		return s
	}
	return shorten.Text(head+"```\n"+text, maxContent-4) + "\n```"
}
