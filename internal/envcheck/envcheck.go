// Package envcheck reads the bot's settings without ever printing a
// secret: .env parse errors name the file, line and key but not the value
// (godotenv quotes the offending text, which is often the token), URLs are
// shown with their password removed, and settings that would send the
// token in clear or expose the metrics are refused or warned about.
package envcheck

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/url"
	"os"
	"regexp"
	"strings"

	"github.com/joho/godotenv"
)

// maxDotEnv bounds the .env file: settings, not data.
const maxDotEnv = 1 << 20

var keyName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.]*$`)

// LoadDotEnv sets the variables of the .env file at path, when it exists,
// that the environment does not already set. A parse error names the
// file, the line and the key, never the value. warn gets one line when the
// file is readable by group or others (it holds the token).
func LoadDotEnv(path string, warn io.Writer) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("read %s: not a regular file", path)
	}
	if fi.Size() > maxDotEnv {
		return fmt.Errorf("read %s: larger than %d KiB", path, maxDotEnv>>10)
	}
	if fi.Mode().Perm()&0o044 != 0 {
		fmt.Fprintf(warn, "ordinancebot: warning: %s is readable by other users (mode %#o) and holds the bot token; run: chmod 600 %s\n", path, fi.Mode().Perm(), path)
	}
	data, err := io.ReadAll(io.LimitReader(f, maxDotEnv))
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	vars, err := godotenv.UnmarshalBytes(data)
	if err != nil {
		// godotenv's message quotes the rest of the line: never show it.
		line, key := badLine(string(data))
		return fmt.Errorf("%s line %d (%s): not a valid NAME=value line; the value is not shown", path, line, key)
	}
	for k, v := range vars {
		if _, set := os.LookupEnv(k); !set {
			os.Setenv(k, v)
		}
	}
	return nil
}

// badLine finds where godotenv stops: the line after the longest prefix of
// whole lines it parses (a quoted value may span lines), and the key
// written there.
func badLine(data string) (int, string) {
	lines := strings.SplitAfter(data, "\n")
	good := 0
	if len(lines) <= 2000 { // quadratic, and a .env is a few dozen lines
		for k := 1; k <= len(lines); k++ {
			if _, err := godotenv.Unmarshal(strings.Join(lines[:k], "")); err == nil {
				good = k
			}
		}
	}
	if good >= len(lines) {
		good = len(lines) - 1
	}
	text := strings.TrimSpace(lines[good])
	text = strings.TrimPrefix(text, "export ")
	key := text
	if i := strings.IndexAny(text, "=: \t"); i >= 0 {
		key = text[:i]
	}
	if !keyName.MatchString(key) || len(key) > 64 {
		key = "no valid NAME"
	} else {
		key = "key " + key
	}
	return good + 1, key
}

// RedactURL removes the userinfo (user and password) of a URL, even one
// that does not parse, so it can be shown in any message.
func RedactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Redacted()
	}
	if i := strings.Index(raw, "://"); i >= 0 {
		rest := raw[i+3:]
		end := strings.IndexAny(rest, "/?#")
		if end < 0 {
			end = len(rest)
		}
		if at := strings.LastIndex(rest[:end], "@"); at >= 0 {
			return raw[:i+3] + "xxxxx@" + rest[at+1:]
		}
		return raw
	}
	if at := strings.LastIndex(raw, "@"); at >= 0 {
		return "xxxxx@" + raw[at+1:]
	}
	return raw
}

// CheckAPIURL refuses a DISCORD_API_URL that is not an absolute http(s)
// URL, and plain http:// to a host that is not loopback (the token would
// cross the network in clear) unless allowInsecure. Messages show the URL
// redacted.
func CheckAPIURL(raw string, allowInsecure bool) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("DISCORD_API_URL %q is not an absolute http(s) URL", RedactURL(raw))
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) && !allowInsecure {
		return fmt.Errorf("DISCORD_API_URL %q is plain http to another host: the bot token would cross the network in clear; "+
			"use https, or set ALLOW_INSECURE_API_URL=1 if that network is yours", u.Redacted())
	}
	return nil
}

// LoopbackAddr reports whether a listen address (host:port; an empty
// host means loopback for METRICS_ADDR) reaches only this machine.
func LoopbackAddr(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	return host == "" || isLoopbackHost(host)
}

func isLoopbackHost(h string) bool {
	if strings.EqualFold(h, "localhost") {
		return true
	}
	ip := net.ParseIP(h)
	return ip != nil && ip.IsLoopback()
}
