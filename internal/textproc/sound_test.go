package textproc

import "testing"

func TestSoundKeyMeetsSpellingsOfOneSound(t *testing.T) {
	for _, c := range [][2]string{
		{"centenere", "centenaire"},
		{"foques", "phoques"},
		{"releesed", "released"},
		{"talerand", "talleyrand"},
		{"lafayete", "lafayette"},
		{"monaie", "monnaie"},
		{"acouche", "accouche"},
		{"rite", "right"},
		{"libiene", "libyenne"},
	} {
		if a, b := SoundKey(c[0]), SoundKey(c[1]); a != b || a == "" {
			t.Errorf("SoundKey(%q) = %q, SoundKey(%q) = %q: want one key", c[0], a, c[1], b)
		}
	}
	for _, c := range [][2]string{
		{"left", "lafayette"},
		{"write", "right"},
		{"convention", "contention"},
	} {
		if SoundKey(c[0]) == SoundKey(c[1]) {
			t.Errorf("SoundKey(%q) = SoundKey(%q) = %q: want two keys", c[0], c[1], SoundKey(c[0]))
		}
	}
	if SoundKey("l'an") != "" || SoundKey("1854") != "" {
		t.Error("a word with a digit or an apostrophe has a key")
	}
}
