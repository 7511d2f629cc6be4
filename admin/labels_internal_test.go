package admin

import (
	"testing"

	"github.com/timelinebot/timelinebot/answer"
)

// Every reason the answerer gives for not answering reads on the moderators' page as words.
func TestEveryRefusalReasonHasALabel(t *testing.T) {
	for r := answer.Found; r <= answer.Unsupported; r++ {
		if reasonLabels[r] == "" {
			t.Errorf("reason %d has no label on the moderators' page", r)
		}
	}
}
