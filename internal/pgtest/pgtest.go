// Package pgtest gives tests a throwaway PostgreSQL server: made with the
// initdb and pg_ctl found on the machine, in a temp dir, listening on a free
// loopback port and a unix socket in that dir. One server serves a whole
// test package (Main); each test gets its own empty database (URL).
//
// Without the binaries the tests skip, saying how to install them, unless
// PGTEST_REQUIRED=1 (set by .ci/run, so CI cannot pass by skipping).
// Tests only: no production code imports it.
package pgtest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// InstallHint is how to get the binaries on Debian and Ubuntu.
const InstallHint = "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql/*/bin; " +
	"install them with `apt-get install postgresql` to run the PostgreSQL tests"

// errNoBinaries means the machine has no PostgreSQL to start.
var errNoBinaries = errors.New(InstallHint)

// Server is one running throwaway PostgreSQL.
type Server struct {
	dir, data, sock string
	bin             string // folder holding initdb, pg_ctl, postgres
	port            int
	cred            *syscall.Credential // run as this user (we are root)
	n               atomic.Int64
}

var (
	once    sync.Once
	shared  *Server
	initErr error
)

// Main runs a package's tests and then stops the shared server, if a test
// started one. Use it as TestMain: func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }.
func Main(m *testing.M) int {
	code := m.Run()
	if shared != nil {
		shared.Stop()
	}
	return code
}

// Shared returns the package's server, starting it on first use; a
// machine without PostgreSQL skips t (fails it under PGTEST_REQUIRED=1).
func Shared(t testing.TB) *Server {
	t.Helper()
	once.Do(func() { shared, initErr = Start() })
	if errors.Is(initErr, errNoBinaries) && os.Getenv("PGTEST_REQUIRED") != "1" {
		t.Skip(initErr.Error())
	}
	if initErr != nil {
		t.Fatalf("start PostgreSQL for the tests: %v", initErr)
	}
	return shared
}

// URL returns the URL of a new, empty database on the shared server.
func URL(t testing.TB) string {
	t.Helper()
	return Shared(t).NewDatabase(t)
}

// findBin returns the folder of initdb and pg_ctl: PATH first (resolving
// symlinks such as /usr/local/bin/initdb, since pg_ctl and postgres sit
// beside the real file), else Debian's newest /usr/lib/postgresql/N/bin.
func findBin() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if real, err := filepath.EvalSymlinks(p); err == nil {
			p = real
		}
		dir := filepath.Dir(p)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir, nil
		}
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/initdb")
	sort.Slice(matches, func(i, j int) bool { return version(matches[i]) > version(matches[j]) })
	for _, m := range matches {
		dir := filepath.Dir(m)
		if _, err := os.Stat(filepath.Join(dir, "pg_ctl")); err == nil {
			return dir, nil
		}
	}
	return "", errNoBinaries
}

func version(initdb string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(filepath.Dir(initdb))))
	return n
}

// runAs picks the user to run the server as. initdb refuses to run as
// root, so root hands the server to the postgres user, else nobody.
func runAs() (*syscall.Credential, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, err1 := strconv.Atoi(u.Uid)
		gid, err2 := strconv.Atoi(u.Gid)
		if err1 == nil && err2 == nil {
			return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid), NoSetGroups: true}, nil
		}
	}
	return nil, errors.New("running as root and no postgres or nobody user to run PostgreSQL as (initdb refuses root)")
}

// Start makes and starts a new server. Stop removes it.
func Start() (*Server, error) {
	bin, err := findBin()
	if err != nil {
		return nil, err
	}
	cred, err := runAs()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "pgtest-")
	if err != nil {
		return nil, fmt.Errorf("temp dir: %w", err)
	}
	s := &Server{dir: dir, data: filepath.Join(dir, "data"), sock: filepath.Join(dir, "sock"), bin: bin, cred: cred}
	if err := os.Mkdir(s.sock, 0o700); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	if cred != nil {
		for _, p := range []string{dir, s.sock} {
			if err := os.Chown(p, int(cred.Uid), int(cred.Gid)); err != nil {
				os.RemoveAll(dir)
				return nil, fmt.Errorf("hand %s to the PostgreSQL user: %w", p, err)
			}
		}
	}
	// --no-sync and C locale: a throwaway server needs neither durability
	// against power loss nor the machine's locales.
	if out, err := s.run("initdb", "-D", s.data, "-U", "postgres", "-A", "trust", "-E", "UTF8",
		"--locale=C", "--no-sync", "--no-instructions"); err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("initdb: %v\n%s", err, out)
	}
	// A free port can be taken between our probe and the server's bind:
	// try a few.
	for try := 0; ; try++ {
		if s.port, err = freePort(); err == nil {
			if err = s.start(); err == nil {
				return s, nil
			}
		}
		if try == 2 {
			os.RemoveAll(dir)
			return nil, err
		}
	}
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// start runs the server on s.port. fsync is off unless PGTEST_FSYNC=on:
// the tests kill bots, not the database, and it makes CREATE DATABASE and
// commits fast.
func (s *Server) start() error {
	opts := fmt.Sprintf("-c listen_addresses=127.0.0.1 -p %d -k %s -c shared_buffers=16MB", s.port, s.sock)
	// PGTEST_FSYNC=on measures commits as a real server makes them.
	if os.Getenv("PGTEST_FSYNC") != "on" {
		opts += " -c fsync=off -c full_page_writes=off"
	}
	if out, err := s.run("pg_ctl", "-D", s.data, "-l", filepath.Join(s.dir, "server.log"), "-w", "-t", "30", "-o", opts, "start"); err != nil {
		log, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
		return fmt.Errorf("pg_ctl start: %v\n%s\n%s", err, out, tail(log, 2000))
	}
	return nil
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// run runs one of the server's programs, as the server's user.
func (s *Server) run(name string, args ...string) ([]byte, error) {
	cmd := exec.Command(filepath.Join(s.bin, name), args...)
	// The test's own folder may be closed to the server's user.
	cmd.Dir = s.dir
	cmd.Env = append(os.Environ(), "LC_ALL=C")
	if s.cred != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: s.cred}
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.Bytes(), err
}

// Stop stops the server at once and removes its files.
func (s *Server) Stop() {
	s.run("pg_ctl", "-D", s.data, "-m", "immediate", "-w", "stop")
	os.RemoveAll(s.dir)
}

// Outage stops the server, runs fn, and starts it again on the same port,
// so a test can watch a store meet a database that went away.
func (s *Server) Outage(t testing.TB, fn func()) {
	t.Helper()
	if out, err := s.run("pg_ctl", "-D", s.data, "-m", "fast", "-w", "stop"); err != nil {
		t.Fatalf("pg_ctl stop: %v\n%s", err, out)
	}
	defer func() {
		if err := s.start(); err != nil {
			t.Fatalf("restart PostgreSQL after the outage: %v", err)
		}
	}()
	fn()
}

// Port is the server's TCP port on 127.0.0.1.
func (s *Server) Port() int { return s.port }

// URLFor is the URL of database db on this server.
func (s *Server) URLFor(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable", s.port, db)
}

// NewDatabase creates an empty database for one test and returns its URL.
func (s *Server) NewDatabase(t testing.TB) string {
	t.Helper()
	name := fmt.Sprintf("t%d_%d", os.Getpid(), s.n.Add(1))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, s.URLFor("postgres"))
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize()); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	return s.URLFor(name)
}

// Log returns the server's log, for a failing test to show.
func (s *Server) Log() string {
	b, _ := os.ReadFile(filepath.Join(s.dir, "server.log"))
	return strings.TrimSpace(string(tail(b, 4000)))
}
