package answer

import "testing"

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
		{"Où s'est tenue la rencontre ?", AskWhere},
		{"Which site ran the story?", AskWhere},
		{"why did they want the tax returns?", AskWhy},
		{"Pourquoi a-t-il démissionné ?", AskWhy},
		{"how many days before the election did they write?", AskHowMany},
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
		{"Il a dit oui ou non ?", AskYesNo},
	}
	for _, tt := range tests {
		if got := DetectIntent(tt.q); got != tt.want {
			t.Errorf("DetectIntent(%q) = %v, want %v", tt.q, got, tt.want)
		}
	}
}
