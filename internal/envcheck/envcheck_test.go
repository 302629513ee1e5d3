package envcheck

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const secret = "MTIz.secret-token-value"

func TestMalformedDotEnvNamesLineAndKeyNotValue(t *testing.T) {
	for name, c := range map[string]struct {
		body string
		want string
	}{
		"no equals":           {"LOG_LEVEL=info\nDISCORD_TOKEN " + secret + "\n", "line 2 (key DISCORD_TOKEN)"},
		"unterminated quote":  {"LOG_LEVEL=info\n\nDISCORD_TOKEN=\"" + secret + "\nX=1\n", "line 3 (key DISCORD_TOKEN)"},
		"stray quote":         {"DISCORD_TOKEN=\"" + secret + "\"tail\"\n", "line 1 (key DISCORD_TOKEN)"},
		"value as first text": {secret + "\n", "line 1 (no valid NAME)"},
	} {
		path := filepath.Join(t.TempDir(), ".env")
		os.WriteFile(path, []byte(c.body), 0o600)
		var warn bytes.Buffer
		err := LoadDotEnv(path, &warn)
		if err == nil {
			t.Errorf("%s: parsed", name)
			continue
		}
		msg := err.Error() + warn.String()
		if strings.Contains(msg, "secret") || strings.Contains(msg, "MTIz") || !strings.Contains(msg, c.want) || !strings.Contains(msg, path) {
			t.Errorf("%s: %q: want the file and %q, and never the value", name, msg, c.want)
		}
	}
}

func TestDotEnvLoadsAndEnvironmentWins(t *testing.T) {
	path := filepath.Join(t.TempDir(), ".env")
	os.WriteFile(path, []byte("ENVCHECK_A=from-file\nENVCHECK_B=from-file\n"), 0o600)
	t.Setenv("ENVCHECK_A", "from-env")
	os.Unsetenv("ENVCHECK_B")
	t.Cleanup(func() { os.Unsetenv("ENVCHECK_B") })
	var warn bytes.Buffer
	if err := LoadDotEnv(path, &warn); err != nil || os.Getenv("ENVCHECK_A") != "from-env" || os.Getenv("ENVCHECK_B") != "from-file" {
		t.Fatalf("err %v, A=%s B=%s", err, os.Getenv("ENVCHECK_A"), os.Getenv("ENVCHECK_B"))
	}
	if warn.Len() != 0 {
		t.Fatalf("a 0600 file was warned about: %s", warn.String())
	}
	os.Chmod(path, 0o644)
	LoadDotEnv(path, &warn)
	if got := warn.String(); strings.Count(got, "readable by other users") != 1 || !strings.Contains(got, "chmod 600") {
		t.Fatalf("want one warning for a 0644 .env, got %q", got)
	}
	if err := LoadDotEnv(filepath.Join(t.TempDir(), "none"), &warn); err != nil {
		t.Fatalf("a missing .env is fine: %v", err)
	}
}

func TestAPIURLIsRedactedAndPlainHTTPRefused(t *testing.T) {
	for raw, want := range map[string]string{
		"https://user:hunter2@proxy.example/api": "",
		"http://127.0.0.1:8080":                  "",
		"http://localhost:8080":                  "",
		"http://[::1]:8080":                      "",
		"http://user:hunter2@proxy.example":      "plain http",
		"ht!tp://user:hunter2@proxy.example/%zz": "not an absolute",
		"proxy.example":                          "not an absolute",
		"ftp://user:hunter2@proxy.example":       "not an absolute",
	} {
		err := CheckAPIURL(raw, false)
		switch {
		case want == "" && err != nil:
			t.Errorf("%s: %v", raw, err)
		case want != "" && (err == nil || !strings.Contains(err.Error(), want)):
			t.Errorf("%s: err %v, want %q", raw, err, want)
		case err != nil && strings.Contains(err.Error(), "hunter2"):
			t.Errorf("%s: the password is shown: %v", raw, err)
		}
	}
	if err := CheckAPIURL("http://proxy.example", true); err != nil {
		t.Errorf("opt-in: %v", err)
	}
	if got := RedactURL("http://u:hunter2@h/%zz"); strings.Contains(got, "hunter2") {
		t.Errorf("RedactURL of an unparsable URL: %s", got)
	}
}

func TestLoopbackAddr(t *testing.T) {
	for addr, want := range map[string]bool{":9090": true, "127.0.0.1:9090": true, "localhost:1": true, "[::1]:1": true,
		"0.0.0.0:9090": false, "[::]:9090": false, "10.0.0.5:9090": false, "nonsense": false} {
		if LoopbackAddr(addr) != want {
			t.Errorf("%s: want %v", addr, want)
		}
	}
}
