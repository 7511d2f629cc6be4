package admin

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/timelinebot/timelinebot/store"
)

//go:embed templates/*.html style.css
var assets embed.FS

var funcs = template.FuncMap{
	"time": func(t time.Time) string {
		if t.IsZero() {
			return "–"
		}
		return t.UTC().Format("2006-01-02 15:04 UTC")
	},
	"join":         strings.Join,
	"outcomeLabel": func(o string) string { return outcomeLabels[o] },
	"short": func(v string) string {
		if len(v) > 12 {
			return v[:12]
		}
		return v
	},
	"list": func(n ...int) []int { return n },
}

// pages are the templates, each the layout with its page's content.
var pages = func() map[string]*template.Template {
	layout := template.Must(template.New("layout.html").Funcs(funcs).ParseFS(assets, "templates/layout.html"))
	out := map[string]*template.Template{}
	for _, name := range []string{"login", "link", "overview", "refused", "feedback", "questions", "versions", "diff", "message"} {
		out[name] = template.Must(template.Must(layout.Clone()).ParseFS(assets, "templates/"+name+".html"))
	}
	return out
}()

// page is what the layout gets.
type page struct {
	Name    string
	Session *session
	Data    any
}

func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, name string, s *session, data any) {
	var buf bytes.Buffer
	if err := pages[name].ExecuteTemplate(&buf, "layout.html", page{Name: name, Session: s, Data: data}); err != nil {
		h.log.Error("admin page did not render", "page", name, "err", err)
		http.Error(w, "The page could not be rendered; see the bot's log.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (h *Handler) message(w http.ResponseWriter, r *http.Request, s *session, status int, msg string) {
	h.render(w, r, status, "message", s, msg)
}

func (h *Handler) fail(w http.ResponseWriter, r *http.Request, s *session, err error) {
	h.log.Error("admin page failed", "path", r.URL.Path, "err", err)
	h.message(w, r, s, http.StatusInternalServerError, "The database did not answer: "+err.Error())
}

func serveCSS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=3600")
	b, _ := assets.ReadFile("style.css")
	_, _ = w.Write(b)
}

// chart is a stacked bar chart of questions per day by outcome, drawn as SVG on the server: only
// numbers and fixed labels reach the SVG, through the template.
type chart struct {
	Width, Height, PlotTop, PlotBottom int
	Bars                               []bar
	Max                                int
	FirstLabel, LastLabel              string
	Legend                             []legendItem
	Gridlines                          []gridline
}

type bar struct {
	X, W   float64
	Title  string
	Pieces []piece
}

type piece struct {
	Y, H    float64
	Outcome string
}

type legendItem struct{ Outcome, Label string }

type gridline struct {
	Y     float64
	Label string
}

// maxBars bounds the bars: a longer period is drawn by week.
const maxBars = 120

func dailyChart(p period, days []store.DayStat, now time.Time) chart {
	c := chart{Width: 720, Height: 220, PlotTop: 10, PlotBottom: 190}
	for _, o := range outcomeOrder {
		c.Legend = append(c.Legend, legendItem{o, outcomeLabels[o]})
	}
	start := p.Since
	end := p.Until
	if end.IsZero() {
		n := now.UTC()
		end = time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, time.UTC).AddDate(0, 0, 1)
	}
	if start.IsZero() {
		if len(days) > 0 {
			start = days[0].Day
		} else {
			start = end.AddDate(0, 0, -1)
		}
	}
	nDays := max(1, int(end.Sub(start)/(24*time.Hour)))
	step := 1 // days per bar
	for nDays/step > maxBars {
		step *= 7
	}
	nBars := (nDays + step - 1) / step
	counts := make([]map[string]int, nBars)
	for i := range counts {
		counts[i] = map[string]int{}
	}
	for _, d := range days {
		i := int(d.Day.Sub(start)/(24*time.Hour)) / step
		if i >= 0 && i < nBars {
			counts[i][d.Outcome] += d.Count
		}
	}
	for _, m := range counts {
		t := 0
		for _, n := range m {
			t += n
		}
		c.Max = max(c.Max, t)
	}
	scale := 1.0
	plotH := float64(c.PlotBottom - c.PlotTop)
	if c.Max > 0 {
		scale = plotH / float64(c.Max)
	}
	bw := float64(c.Width-40) / float64(nBars)
	for i, m := range counts {
		b := bar{X: 40 + float64(i)*bw + bw*0.1, W: bw * 0.8}
		y := float64(c.PlotBottom)
		var parts []string
		for _, o := range outcomeOrder {
			if n := m[o]; n > 0 {
				hgt := float64(n) * scale
				y -= hgt
				b.Pieces = append(b.Pieces, piece{Y: y, H: hgt, Outcome: o})
				parts = append(parts, fmt.Sprintf("%d %s", n, o))
			}
		}
		day := start.AddDate(0, 0, i*step).Format(time.DateOnly)
		if step > 1 {
			day = "week of " + day
		}
		if len(parts) == 0 {
			parts = []string{"no questions"}
		}
		b.Title = day + ": " + strings.Join(parts, ", ")
		c.Bars = append(c.Bars, b)
	}
	c.FirstLabel = start.Format(time.DateOnly)
	c.LastLabel = end.AddDate(0, 0, -1).Format(time.DateOnly)
	if c.Max > 0 {
		for _, f := range []float64{0.5, 1} {
			c.Gridlines = append(c.Gridlines, gridline{Y: float64(c.PlotBottom) - f*plotH, Label: fmt.Sprintf("%.0f", f*float64(c.Max))})
		}
	}
	return c
}
