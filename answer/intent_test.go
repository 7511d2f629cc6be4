package answer

import (
	"strings"
	"testing"

	"github.com/timelinebot/timelinebot/knowledge"
)

func TestDetectIntentReadsWhatIsAskedInBothLanguages(t *testing.T) {
	tests := []struct {
		q    string
		want Intent
	}{
		{"When did Netscape release its source code?", AskWhen},
		{"wen did WL first msg don jr", AskWhen},
		{"Quand Mozilla a-t-il lancé Firefox ?", AskWhen},
		{"what day did the deal close", AskWhen},
		{"Who registered mozilla.org?", AskWho},
		{"c ki natalia veselnitskya ??", AskWho},
		{"Qui a organisé la réunion ?", AskWho},
		{"Qu'est-ce qui s'est passé le 3 octobre ?", AskWhat},
		{"Où s'est tenue la rencontre ?", AskWhere},
		{"Which site ran the story?", AskWhere},
		{"he shared the link where?", AskWhere},
		{"and where was the meeting", AskWhere},
		// Right after a noun, "where" is a relative: no place is asked.
		{"earliest WL msg where assange comes up", AskWhat},
		{"which came first, the rally where trump said he loves WL or the first dump?", AskWhat},
		{"why did they want the tax returns?", AskWhy},
		{"Pourquoi a-t-il démissionné ?", AskWhy},
		{"how many days before the election did they write?", AskHowMany},
		{"days b/w the rally and the wow msg?", AskHowMany},
		{"jours entre le rally et le wow", AskHowMany},
		{"days of the week", AskWhat},
		{"Combien de fois a-t-il répondu ?", AskHowMany},
		{"Did Trump ever release his tax returns?", AskYesNo},
		{"Don Jr a fini par tweeter le lien ou pas ?", AskYesNo},
		{"WL pensait vraiment que l'Australie allait nommer Assange ambassadeur ?", AskYesNo},
		{"Est-ce que WL a répondu ?", AskYesNo},
		{"list everything that happened in 2016", AskList},
		{"Donne-moi toute la chrono après novembre", AskList},
		{"What did Netscape announce on January 23, 1998?", AskWhat},
		{"Que s'est-il passé le 10 mars 2005 ?", AskWhat},
		{"ou est le lien ?", AskWhere},
		{"napoleon a fini sa vie ou ?", AskWhere},
		{"il est parti avec elle ou pas ?", AskYesNo},
		{"Il a dit oui ou non ?", AskYesNo},
		// A typo'd question word still asks for something.
		{"wat did they say on oct 12th??", AskWhat},
		{"WL and Trump were in contact ?", AskYesNo},
	}
	for _, tt := range tests {
		if got := DetectIntent(tt.q); got != tt.want {
			t.Errorf("DetectIntent(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestExampleQuestionComesFromTheTimelineServed(t *testing.T) {
	seed, err := knowledge.Default()
	if err != nil {
		t.Fatal(err)
	}
	nz, err := knowledge.LoadFile("../eval/testdata/newzealand/knowledge.yaml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		tl       *knowledge.Timeline
		lang     string
		want     string
		wantDate string
	}{
		{seed, "en", "what happened on 20 September 2016?", "2016-09-20 or 20 September 2016"},
		{seed, "fr", "que s'est-il passé le 20 septembre 2016 ?", "2016-09-20 ou 20 septembre 2016"},
		{nz, "en", "what happened on 6 February 1840?", "1840-02-06 or 6 February 1840"},
	} {
		if got := Example(tt.tl, tt.lang); got != tt.want {
			t.Errorf("Example = %q, want %q", got, tt.want)
		}
		if got := ExampleDates(tt.tl, tt.lang); got != tt.wantDate {
			t.Errorf("ExampleDates = %q, want %q", got, tt.wantDate)
		}
	}
}

func TestCapitalizedFindsTheNamesInAWord(t *testing.T) {
	for _, tt := range []struct {
		w    string
		want string
	}{
		{"Trump's", "Trump"}, {"WL-Don", "WL|Don"}, {"(Chrome)", "Chrome"}, {"lower", ""}, {"A", ""}, {"É.-U.", ""}, {"Élysée", "Élysée"},
	} {
		if got := strings.Join(capitalized(tt.w), "|"); got != tt.want {
			t.Errorf("capitalized(%q) = %q, want %q", tt.w, got, tt.want)
		}
	}
}

func TestAPoliteRequestAsksWhatItWraps(t *testing.T) {
	for _, c := range []struct {
		q    string
		want Intent
	}{
		{"can you tell me what marshal foch thought of the treaty", AskWhat},
		{"could you tell me when the treaty was signed", AskWhen},
		{"do you know why the soviet union refused to sign", AskWhy},
		{"tu peux me dire qui a signé le traité", AskWho},
		{"can you tell me if the senate ratified it", AskYesNo},
		{"can you tell me the story", AskYesNo},
	} {
		if got := DetectIntent(c.q); got != c.want {
			t.Errorf("DetectIntent(%q) = %v, want %v", c.q, got, c.want)
		}
	}
}
