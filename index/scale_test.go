package index

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"testing"
	"time"

	"ordinancebot/corpus"
	"ordinancebot/internal/synth"
)

// BenchmarkScale builds synthetic corpora of 1k, 10k and 100k passages
// (in memory, and on disk under a temporary DATA_DIR) and reports build
// time, indexing throughput, heap after the build, the process's peak RSS,
// and query latency. Run one size per process for a meaningful peak:
//
//	go test ./index -run XXX -bench 'Scale/mem-100000' -benchtime 2000x
func BenchmarkScale(b *testing.B) {
	real, err := corpus.Default("")
	if err != nil {
		b.Fatal(err)
	}
	for _, where := range []string{"mem", "disk"} {
		for _, n := range []int{1000, 10000, 100000} {
			b.Run(fmt.Sprintf("%s-%d", where, n), func(b *testing.B) {
				g := synth.New(real, 20000, uint64(n))
				c, err := g.Corpus(n)
				if err != nil {
					b.Fatal(err)
				}
				opts := DefaultOptions()
				opts.CacheSize = 0
				if where == "disk" {
					opts.Dir = b.TempDir()
					opts.DiskMinPassages = 0
				}
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				before := ms.HeapAlloc
				start := time.Now()
				e, err := New(c, opts)
				if err != nil {
					b.Fatal(err)
				}
				build := time.Since(start)
				defer e.Close()
				runtime.GC()
				runtime.ReadMemStats(&ms)
				var reopen time.Duration
				if where == "disk" {
					start = time.Now()
					again, err := New(c, opts)
					if err != nil {
						b.Fatal(err)
					}
					reopen = time.Since(start)
					again.Close()
				}
				qs := make([]string, 200)
				for i := range qs {
					qs[i] = g.Question()
				}
				var lat []time.Duration
				i := 0
				b.ReportAllocs()
				for b.Loop() {
					t0 := time.Now()
					if _, err := e.Search(qs[i%len(qs)], 3, 0); err != nil {
						b.Fatal(err)
					}
					lat = append(lat, time.Since(t0))
					i++
				}
				reportLatency(b, lat)
				if where == "disk" {
					b.ReportMetric(reopen.Seconds()*1000, "reopen-ms")
				}
				b.ReportMetric(build.Seconds(), "build-s")
				b.ReportMetric(float64(n)/build.Seconds(), "passages/s")
				b.ReportMetric(float64(int64(ms.HeapAlloc)-int64(before))/(1<<20), "heap-MB")
				b.ReportMetric(peakRSSMB(), "peakRSS-MB")
			})
		}
	}
}

// peakRSSMB is the process's high-water resident set (Linux), or 0.
func peakRSSMB() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(l, "VmHWM:") {
			var kb float64
			fmt.Sscanf(strings.TrimSpace(strings.TrimPrefix(l, "VmHWM:")), "%f", &kb)
			return kb / 1024
		}
	}
	return 0
}
