package bot

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"ordinancebot/bot/httpapi"
	fd "ordinancebot/internal/fakediscord"
	"ordinancebot/internal/pgtest"
	"ordinancebot/pins/pgstore"
)

// pgtest.Main stops the throwaway PostgreSQL if a benchmark started one.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// Load: Discord's rate for the figure in issue 12 and the README.
const (
	loadRate     = 200 // interactions per second
	loadDuration = 10 * time.Second
)

// BenchmarkHTTPAskLatency is the first-response latency of /ask in HTTP
// mode on loopback: signed POSTs at loadRate for loadDuration, open loop
// (sent on schedule whatever the answers' speed), each timed from its
// scheduled send to the last byte of its response, so a late sender counts
// against the bot, never for it. Every user is new (the cooldown, 3 s as
// by default, never refuses) and the questions rotate through ones the
// corpus answers. It reports p50, p99 and the slowest in ms; each b.N is a
// whole run, so:
//
//	go test ./bot -run '^$' -bench HTTPAskLatency -benchtime 1x
//
// "bolt" is one replica on its pins.db; "pg" replicas share a throwaway
// PostgreSQL (skipped without its binaries), which holds the interaction
// claims and cooldowns, as in production.
func BenchmarkHTTPAskLatency(b *testing.B) {
	for _, c := range []struct {
		name     string
		replicas int
		pg       bool
	}{{"1 replica bolt", 1, false}, {"1 replica pg", 1, true}, {"2 replicas pg", 2, true}} {
		b.Run(c.name, func(b *testing.B) {
			f := fd.New(b)
			go func() { // the bot's REST calls, which nobody reads here
				for range f.Requests() {
				}
			}()
			var configure []func(*Config)
			configure = append(configure, func(cfg *Config) { cfg.Cooldown, cfg.DuplicateWindow = 3*time.Second, time.Minute })
			if c.pg {
				url := pgtest.URL(b)
				configure = append(configure, func(cfg *Config) {
					s, err := pgstore.Open(context.Background(), url, pgstore.Options{})
					if err != nil {
						b.Fatal(err)
					}
					b.Cleanup(func() { s.Close() })
					cfg.Store = s
				})
			}
			var endpoints []string
			for range c.replicas {
				_, base := startHTTPBot(b, f, configure...)
				endpoints = append(endpoints, base+httpapi.Path)
			}
			for range b.N {
				lat, failed := askLoad(b, endpoints, loadRate, loadDuration)
				slices.Sort(lat)
				ms := func(q float64) float64 {
					return float64(lat[min(len(lat)-1, int(q*float64(len(lat))))].Microseconds()) / 1000
				}
				b.ReportMetric(ms(0.50), "p50-ms")
				b.ReportMetric(ms(0.99), "p99-ms")
				b.ReportMetric(ms(1), "max-ms")
				b.ReportMetric(float64(failed), "failed")
				if failed > 0 {
					b.Errorf("%d of %d interactions got no answer", failed, len(lat))
				}
			}
		})
	}
}

var loadIDs atomic.Int64

func init() { loadIDs.Store(5_000_000) }

// askLoad sends rate /ask interactions a second for d, round robin over
// endpoints, and returns each one's latency and how many failed (a
// non-200, or a response that is not a message).
func askLoad(b *testing.B, endpoints []string, rate int, d time.Duration) ([]time.Duration, int) {
	b.Helper()
	questions := []string{
		"can the police ask about my immigration status?", "will the city help ICE?", "what was the vote",
		"is it law yet", "can ICE come into schools", "what about administrative warrants",
		"when was it signed", "does the city share information with ice", "who introduced the motion",
		"can ice use city property",
	}
	n := int(d.Seconds() * float64(rate))
	type req struct{ body, sig, ts string }
	reqs := make([]req, n)
	// Built and signed before the clock starts: Discord signs before it
	// sends, and 10 s is far inside the 5-minute timestamp window.
	for k := range reqs {
		ic := askIC(questions[k%len(questions)])
		ic["id"] = fmt.Sprint(loadIDs.Add(1))
		ic["member"] = fd.Member(fmt.Sprint(10_000+loadIDs.Load()), 0)
		body := mustJSON(ic)
		sig, ts := fd.Sign(body, time.Now())
		reqs[k] = req{string(body), sig, ts}
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 512}, Timeout: 10 * time.Second}
	lat := make([]time.Duration, n)
	var failed atomic.Int64
	var wg sync.WaitGroup
	interval := time.Second / time.Duration(rate)
	b.ResetTimer()
	start := time.Now()
	for k, r := range reqs {
		at := start.Add(time.Duration(k) * interval)
		time.Sleep(time.Until(at))
		wg.Go(func() {
			hr, _ := http.NewRequest("POST", endpoints[k%len(endpoints)], bytes.NewReader([]byte(r.body)))
			hr.Header.Set("Content-Type", "application/json")
			hr.Header.Set("X-Signature-Ed25519", r.sig)
			hr.Header.Set("X-Signature-Timestamp", r.ts)
			resp, err := client.Do(hr)
			if err != nil {
				failed.Add(1)
				lat[k] = time.Since(at)
				return
			}
			out, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			lat[k] = time.Since(at)
			if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(out, []byte(`{"type":4,`)) {
				failed.Add(1)
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	client.CloseIdleConnections()
	return lat, int(failed.Load())
}
