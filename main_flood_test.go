package main

import (
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"
)

func TestAskBurstDefaultsAndIsValidated(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	t.Setenv("ASK_COOLDOWN", "")
	t.Setenv("ASK_BURST", "")
	cfg, err := botConfig("tok", quiet)
	if err != nil || cfg.Burst != 3 || cfg.Cooldown != 3*time.Second {
		t.Fatalf("defaults: burst %d, cooldown %v, %v; want 3 and 3s", cfg.Burst, cfg.Cooldown, err)
	}
	t.Setenv("ASK_BURST", "5")
	if cfg, err := botConfig("tok", quiet); err != nil || cfg.Burst != 5 {
		t.Fatalf("ASK_BURST=5: %d, %v", cfg.Burst, err)
	}
	for _, bad := range []string{"0", "-1", "101", "three", "2.5"} {
		t.Setenv("ASK_BURST", bad)
		if _, err := botConfig("tok", quiet); err == nil || !strings.Contains(err.Error(), "ASK_BURST") {
			t.Errorf("ASK_BURST=%s: %v, want an error naming ASK_BURST", bad, err)
		}
	}
}
