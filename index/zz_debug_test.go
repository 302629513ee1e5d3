package index

import (
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestZZDebug(t *testing.T) {
	qs := os.Getenv("ZZQ")
	if qs == "" {
		t.Skip()
	}
	e := testEngine(t)
	for _, q := range strings.Split(qs, "|") {
		l := e.lang(DetectLang(q, ""))
		folded := l.prepare(foldQuery(q))
		toks := l.text.Analyze([]byte(folded))
		var terms []string
		for _, tk := range toks {
			terms = append(terms, string(tk.Term))
		}
		exps := l.th.expand(terms)
		bq, alts := l.buildQuery(folded, toks, terms, exps, true)
		req := l.searchRequest(bq, 10)
		req.IncludeLocations = true
		req.Explain = true
		sr, _ := l.idx.Search(req)
		fmt.Printf("Q %q terms=%v\n", q, terms)
		for i, h := range sr.Hits {
			if i >= 4 {
				break
			}
			m := l.coverage(terms, alts, h)
			fmt.Printf("  %-40s bm25=%.3f cov=%.2f final=%.3f\n", h.ID, h.Score, m.coverage, h.Score*math.Pow(m.coverage, coverageExponent))
			if os.Getenv("ZZX") != "" {
				var walk func(ex interface{}, d int)
				_ = walk
				fmt.Println(h.Expl.String()[:min(3000, len(h.Expl.String()))])
			}
		}
	}
}

func TestZZOff(t *testing.T) {
	qs := os.Getenv("ZZO")
	if qs == "" {
		t.Skip()
	}
	e := testEngine(t)
	for _, q := range strings.Split(qs, "|") {
		l := e.lang(DetectLang(q, ""))
		folded := l.prepare(foldQuery(q))
		var terms []string
		for _, tk := range l.text.Analyze([]byte(folded)) {
			terms = append(terms, string(tk.Term))
		}
		for _, entry := range l.offscope {
			if containsSeq(terms, entry) {
				fmt.Println(q, entry, l.knownPhrase(entry), l.phraseIn(entry), l.allInText(entry))
			}
		}
		fmt.Println(terms, l.offScope(terms))
	}
}

func TestZZPin(t *testing.T) {
	name := os.Getenv("ZZP")
	if name == "" {
		t.Skip()
	}
	e := testEngine(t)
	set := loadParaphrases(t, name)
	docs := pinsFor(t, e, set.pinned)
	m := e.PinMatcher(docs)
	show := func(q string, want int) {
		res, _ := e.Search(q, 3, 0)
		l := e.lang(res.Lang)
		qa, sig := l.pinQuestion(q)
		var top []string
		for _, h := range res.Hits {
			top = append(top, h.Passage.ID)
		}
		sgs := m.signals(l, res.Lang, qa, sig, top)
		sort.Slice(sgs, func(a, b int) bool { return pinScore(sgs[a]) > pinScore(sgs[b]) })
		fmt.Printf("%q want=%d top=%v\n", q, want, top)
		for i, sg := range sgs {
			if i >= 3 {
				break
			}
			fmt.Printf("   %s %.2f simQ=%.2f ans=%.2f cite=%.2f first=%v kind=%v num=%v\n", sg.id, pinScore(sg), sg.simQ, sg.ans, sg.cite, sg.first, sg.kind, sg.number)
		}
	}
	for i, ps := range set.paraphrases {
		fmt.Printf("PIN %c %s cites=%v\n", 'a'+i, set.pinned[i], docs[i].Citations)
		for _, q := range ps {
			show(q, i)
		}
	}
	for _, q := range set.unrelated {
		show(q, -1)
	}
}

func TestZZPrep(t *testing.T) {
	qs := os.Getenv("ZZR")
	if qs == "" {
		t.Skip()
	}
	e := testEngine(t)
	for _, q := range strings.Split(qs, "|") {
		l := e.lang(DetectLang(q, ""))
		fmt.Printf("%q -> %q\n", q, l.prepare(foldQuery(q)))
		res, _ := e.Search(q, 3, 0)
		fmt.Printf("   answered=%v reason=%s cov=%.2f ev=%+v\n", res.Answered, res.Reason, res.Coverage, res.Evidence)
	}
}
