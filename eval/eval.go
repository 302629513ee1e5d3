// Package eval measures retrieval quality on a question set in the format of
// shared/questions-dev.jsonl: {"id", "q", "gold"}, where gold is a list of
// regular expressions that must all match one passage, or null for a
// question the bot should decline.
package eval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"

	"ordinancebot/index"
)

// Question is one line of a question set.
type Question struct {
	ID   string   `json:"id"`
	Q    string   `json:"q"`
	Gold []string `json:"gold"`
	// Lang is the question's language ("en" when the set does not say).
	Lang string `json:"lang"`

	gold []*regexp.Regexp
}

// OffTopic reports whether the bot should say it has nothing relevant.
func (q Question) OffTopic() bool { return q.Gold == nil }

// Read parses a JSON-lines question set.
func Read(r io.Reader) ([]Question, error) {
	var qs []Question
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var q Question
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if q.Q == "" {
			return nil, fmt.Errorf("line %d: no question (\"q\")", line)
		}
		if q.ID == "" {
			q.ID = fmt.Sprintf("line%d", line)
		}
		for _, g := range q.Gold {
			re, err := regexp.Compile("(?i)" + g)
			if err != nil {
				return nil, fmt.Errorf("line %d: gold %q: %w", line, g, err)
			}
			q.gold = append(q.gold, re)
		}
		qs = append(qs, q)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read questions: %w", err)
	}
	return qs, nil
}

// Relevant reports whether a passage text satisfies every gold pattern.
func (q Question) Relevant(text string) bool {
	if len(q.gold) == 0 {
		return false
	}
	for _, re := range q.gold {
		if !re.MatchString(text) {
			return false
		}
	}
	return true
}

// Miss is a question the engine did not get right at rank 1.
type Miss struct {
	ID, Question string
	Rank         int    // 0: not in the top 5
	Top          string // what came first instead ("" when it abstained)
	TopID        string
	Why          string
}

// Report sums up a run, with the same definitions as score-questions.py.
type Report struct {
	N, OffTopic  int
	R1, R3, MRR  float64
	Abstained    int // off-topic questions correctly declined
	FalseAbstain int // answerable questions declined
	Misses       []Miss
}

func (r Report) String() string {
	return fmt.Sprintf("R@1=%.3f R@3=%.3f MRR=%.3f wrong_refusals=%.3f offtopic_answered=%d/%d abstain=%d/%d (n=%d, wrongly declined %d)",
		r.R1, r.R3, r.MRR, r.WrongRefusalRate(), r.OffTopic-r.Abstained, r.OffTopic, r.Abstained, r.OffTopic, r.N, r.FalseAbstain)
}

// WrongRefusalRate is the share of answerable questions declined, as
// score-answers.py counts it.
func (r Report) WrongRefusalRate() float64 {
	if r.N == 0 {
		return 0
	}
	return float64(r.FalseAbstain) / float64(r.N)
}

// AbstainRate is the share of off-topic questions the engine declined.
func (r Report) AbstainRate() float64 {
	if r.OffTopic == 0 {
		return 1
	}
	return float64(r.Abstained) / float64(r.OffTopic)
}

// Run asks every question and scores the top five passages.
func Run(e *index.Engine, qs []Question) (Report, error) {
	var rep Report
	var r1, r3, mrr float64
	for _, q := range qs {
		res, err := e.Search(q.Q, 5, 0)
		if err != nil {
			return rep, fmt.Errorf("question %s: %w", q.ID, err)
		}
		if q.OffTopic() {
			rep.OffTopic++
			if !res.Answered {
				rep.Abstained++
			} else {
				rep.Misses = append(rep.Misses, Miss{ID: q.ID, Question: q.Q, Why: fmt.Sprintf("answered off-topic (coverage %.2f)", res.Coverage),
					Top: res.Hits[0].Passage.Text, TopID: res.Hits[0].Passage.ID})
			}
			continue
		}
		rep.N++
		rank := 0
		for i, h := range res.Hits {
			if q.Relevant(h.Passage.Text) {
				rank = i + 1
				break
			}
		}
		switch {
		case rank == 1:
			r1++
		case !res.Answered:
			rep.FalseAbstain++
			rep.Misses = append(rep.Misses, Miss{ID: q.ID, Question: q.Q, Why: fmt.Sprintf("declined (%s, coverage %.2f)", res.Reason, res.Coverage)})
		default:
			m := Miss{ID: q.ID, Question: q.Q, Rank: rank, Why: fmt.Sprintf("rank %d", rank)}
			if rank == 0 {
				m.Why = "not in top 5"
			}
			m.Top, m.TopID = res.Hits[0].Passage.Text, res.Hits[0].Passage.ID
			rep.Misses = append(rep.Misses, m)
		}
		if rank >= 1 && rank <= 3 {
			r3++
		}
		if rank > 0 {
			mrr += 1 / float64(rank)
		}
	}
	if rep.N > 0 {
		rep.R1, rep.R3, rep.MRR = r1/float64(rep.N), r3/float64(rep.N), mrr/float64(rep.N)
	}
	return rep, nil
}
