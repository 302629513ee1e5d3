// Command fitrefusal fits the "nothing relevant" verdict on labelled
// question sets: it prints each question's evidence features, then grid-
// searches the thresholds that minimise wrong refusals plus off-topic
// answers on the training files and reports both rates on the held-out ones.
//
//	go run ./internal/fitrefusal -train a.jsonl,b.jsonl -test c.jsonl
package main

import (
	"cmp"
	"flag"
	"fmt"
	"os"
	"strings"

	"ordinancebot/eval"
	"ordinancebot/index"
)

type row struct {
	id, q   string
	offT    bool
	ev      index.Evidence
	cov     float64
	hasHits bool
}

func main() {
	train := flag.String("train", "", "comma-separated training question files")
	test := flag.String("test", "", "comma-separated held-out question files")
	dump := flag.Bool("dump", false, "print every question's features")
	lang := flag.String("lang", "", "fit on this language's questions only (en, es); all when empty")
	atM := flag.Float64("at-matched", 0, "also report the rates at this matched weight (with -at-coverage)")
	atS := flag.Float64("at-coverage", 0, "the MinCoverage for -at-matched")
	tableCov := flag.Float64("table-coverage", 0.6, "with -dump, the coverage threshold of the matched-weight table (Spanish uses 0.55)")
	flag.Parse()
	opts := index.DefaultOptions()
	opts.MinCoverage = 0
	opts.AnswerMatched = 0
	e, err := index.NewDefault("", opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	tr := load(e, *train, *lang)
	te := load(e, *test, *lang)
	if *dump {
		for _, r := range tr {
			fmt.Printf("%v\t%v\t%.2f\t%.2f\t%.2f\t%s\n", r.offT, r.ev.OnTopic, r.ev.Matched, r.cov, r.ev.BM25, r.q)
		}
	}
	bestCost, bm, bs := 1e9, 0.0, 0.0
	for m := 4.0; m <= 30; m += 0.5 {
		for s := 0.0; s <= 1.0001; s += 0.05 {
			wr, off := rates(tr, m, s)
			// An off-topic answer costs less than refusing a real question:
			// the bot's job is to answer.
			if c := wr*2 + off; c < bestCost-1e-9 {
				bestCost, bm, bs = c, m, s
			}
		}
	}
	if *dump {
		for m := 4.0; m <= 12; m += 0.5 {
			wr, off := rates(tr, m, *tableCov)
			fmt.Printf("matched %.1f MinCoverage %.2f: wrong refusals %.3f, off-topic answered %.3f\n", m, *tableCov, wr, off)
		}
	}
	if *atM > 0 {
		wr, off := rates(tr, *atM, *atS)
		fmt.Printf("at matched %.2f, MinCoverage %.2f  train: wrong refusals %.3f, off-topic answered %.3f (n=%d)\n", *atM, *atS, wr, off, len(tr))
		if len(te) > 0 {
			wr, off = rates(te, *atM, *atS)
			fmt.Printf("  held out: wrong refusals %.3f, off-topic answered %.3f (n=%d)\n", wr, off, len(te))
		}
	}
	wr, off := rates(tr, bm, bs)
	fmt.Printf("fit: answer from matched weight %.2f, MinCoverage=%.2f  train: wrong refusals %.3f, off-topic answered %.3f (n=%d)\n", bm, bs, wr, off, len(tr))
	if len(te) > 0 {
		wr, off = rates(te, bm, bs)
		fmt.Printf("held out: wrong refusals %.3f, off-topic answered %.3f (n=%d)\n", wr, off, len(te))
	}
}

func rates(rows []row, m, s float64) (wrongRefusal, offAnswered float64) {
	var ans, off, wr, oa float64
	for _, r := range rows {
		need := s
		if r.ev.OffScope {
			need = max(s, index.OffScopeCoverage)
		}
		yes := r.hasHits && (r.ev.OnTopic || r.cov >= need || !r.ev.OffScope && r.ev.Matched >= m)
		if r.offT {
			off++
			if yes {
				oa++
			}
		} else {
			ans++
			if !yes {
				wr++
			}
		}
	}
	return wr / max(ans, 1), oa / max(off, 1)
}

func load(e *index.Engine, files, lang string) []row {
	var out []row
	for _, f := range strings.Split(files, ",") {
		if f == "" {
			continue
		}
		fh, err := os.Open(f)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		qs, err := eval.Read(fh)
		fh.Close()
		if err != nil {
			fmt.Fprintln(os.Stderr, f, err)
			os.Exit(1)
		}
		for _, q := range qs {
			if ql := cmp.Or(q.Lang, "en"); lang != "" && ql != lang {
				continue
			}
			res, err := e.Search(q.Q, 3, 0)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
			out = append(out, row{q.ID, q.Q, q.OffTopic(), res.Evidence, res.Coverage, res.Answered})
		}
	}
	return out
}
