package boltstore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"
)

// The running bot holds pins.db's lock for as long as it runs, and bbolt
// cannot open a file for reading while another process writes it. So the
// bot serves consistent snapshots (bbolt's Tx.WriteTo, taken in a read
// transaction that never waits on the writer) over a unix socket beside
// the file, and export and backup read one of those instead. The socket
// lives in a 0700 folder: only the bot's own user can connect, the same
// user who could read pins.db itself.

// snapshotSocket is where the store at dbPath serves snapshots.
func snapshotSocket(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), ".control", filepath.Base(dbPath)+".sock")
}

// maxSnapshot bounds a snapshot read from the socket.
const maxSnapshot = 4 << 30

// ServeSnapshots answers each connection on the snapshot socket with a
// consistent copy of the database, until ctx is done.
func (s *Store) ServeSnapshots(ctx context.Context) error {
	sock := snapshotSocket(s.path)
	if err := os.MkdirAll(filepath.Dir(sock), 0o700); err != nil {
		return fmt.Errorf("snapshot socket: %w", err)
	}
	if err := os.Chmod(filepath.Dir(sock), 0o700); err != nil {
		return fmt.Errorf("snapshot socket: %w", err)
	}
	// A socket file left by a killed bot: we hold the database lock, so
	// no live store serves it.
	os.Remove(sock)
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return fmt.Errorf("snapshot socket: %w", err)
	}
	go func() {
		<-ctx.Done()
		ln.Close()
	}()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serveSnapshot(c)
		}
	}()
	return nil
}

func (s *Store) serveSnapshot(c net.Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Minute))
	err := s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(c)
		return err
	})
	if err != nil {
		s.log.Warn("pins snapshot not sent", "err", err)
	}
}

// OpenReadOnly opens the database for export or backup without waiting on
// the bot: directly when no process holds it, else from a snapshot the
// running bot serves. It never creates a database.
func OpenReadOnly(path string) (*Store, error) {
	s, err := OpenWith(path, Options{ReadOnly: true, LockTimeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		return s, err
	}
	tmp, serr := fetchSnapshot(path)
	if serr != nil {
		return nil, fmt.Errorf("%w, and it serves no snapshot (%v): stop it, or upgrade it to a version that does", err, serr)
	}
	s, err = OpenWith(tmp, Options{ReadOnly: true})
	if err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("snapshot of %s: %w", path, err)
	}
	s.tmp = tmp
	return s, nil
}

// fetchSnapshot copies a snapshot from the running store into a new
// temporary file and returns its name.
func fetchSnapshot(path string) (string, error) {
	c, err := net.DialTimeout("unix", snapshotSocket(path), 2*time.Second)
	if err != nil {
		return "", err
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(time.Minute))
	f, err := os.CreateTemp("", "pins-snapshot-*.db")
	if err != nil {
		return "", err
	}
	n, err := io.Copy(f, io.LimitReader(c, maxSnapshot+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > maxSnapshot {
		err = fmt.Errorf("snapshot larger than %d GiB", maxSnapshot>>30)
	}
	if err == nil && n == 0 {
		err = errors.New("empty snapshot")
	}
	if err != nil {
		os.Remove(f.Name())
		return "", err
	}
	return f.Name(), nil
}

// Backup writes a consistent copy of the database to dest, which must not
// exist yet: a backup never overwrites anything.
func (s *Store) Backup(dest string) error {
	f, err := os.OpenFile(dest, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	err = s.view(func(tx *bolt.Tx) error {
		_, err := tx.WriteTo(f)
		return err
	})
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(dest)
		return fmt.Errorf("backup to %s: %w", dest, err)
	}
	return nil
}
