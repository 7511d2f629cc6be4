package bot

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/timelinebot/timelinebot/knowledge"
)

// Component state lives in custom ids, not in memory, so buttons keep working after a restart and
// across replicas. Formats (each at most 100 characters; event ids are at most 80):
//
//	tl:a:<event id>:<page>      the timeline around an event, page offset from it
//	tl:r:<from>:<to>:<page>     a /timeline range (days since 1970, empty for open), page
//	fb:y:<event id>             feedback "helpful" on an answer citing the event
//	fb:n:<event id>             feedback "wrong event"
//	pick                        select menu of candidate events; values are event ids
const pickID = "pick"

func aroundID(eventID string, page int) string { return fmt.Sprintf("tl:a:%s:%d", eventID, page) }

func rangeID(s knowledge.Span, openFrom, openTo bool, page int) string {
	from, to := strconv.Itoa(int(s.From)), strconv.Itoa(int(s.To))
	if openFrom {
		from = ""
	}
	if openTo {
		to = ""
	}
	return fmt.Sprintf("tl:r:%s:%s:%d", from, to, page)
}

func feedbackID(helpful bool, eventID string) string {
	if helpful {
		return "fb:y:" + eventID
	}
	return "fb:n:" + eventID
}

// customID is a parsed custom id.
type customID struct {
	kind    string // "around", "range", "feedback", "pick"
	eventID string
	page    int
	helpful bool
	span    knowledge.Span
}

// parseCustomID reads a custom id; custom ids come from Discord and so from anyone, and are checked.
func parseCustomID(s string) (customID, error) {
	if s == pickID {
		return customID{kind: "pick"}, nil
	}
	parts := strings.Split(s, ":")
	bad := fmt.Errorf("unknown component %q", s)
	switch {
	case len(parts) == 4 && parts[0] == "tl" && parts[1] == "a":
		page, err := strconv.Atoi(parts[3])
		if err != nil {
			return customID{}, bad
		}
		return customID{kind: "around", eventID: parts[2], page: page}, nil
	case len(parts) == 5 && parts[0] == "tl" && parts[1] == "r":
		page, err := strconv.Atoi(parts[4])
		if err != nil || page < 0 {
			return customID{}, bad
		}
		span := knowledge.Span{From: openMin, To: openMax}
		if parts[2] != "" {
			n, err := strconv.Atoi(parts[2])
			if err != nil {
				return customID{}, bad
			}
			span.From = knowledge.Day(n)
		}
		if parts[3] != "" {
			n, err := strconv.Atoi(parts[3])
			if err != nil {
				return customID{}, bad
			}
			span.To = knowledge.Day(n)
		}
		return customID{kind: "range", span: span, page: page}, nil
	case len(parts) == 3 && parts[0] == "fb" && (parts[1] == "y" || parts[1] == "n"):
		return customID{kind: "feedback", helpful: parts[1] == "y", eventID: parts[2]}, nil
	}
	return customID{}, bad
}

const (
	openMin knowledge.Day = -1 << 30
	openMax knowledge.Day = 1 << 30
)
