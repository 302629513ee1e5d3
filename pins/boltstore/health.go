package boltstore

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
)

// ErrDamaged is a database file the store will not use: not a bbolt file,
// truncated, failing bbolt's consistency check, or changed under the
// running store. The store never repairs, overwrites or re-creates such a
// file: that is the operator's decision, with a backup in hand.
var ErrDamaged = errors.New("pins database is damaged")

// damaged is the one message an operator sees: the file, what is wrong,
// and how to get the pins back. It wraps ErrDamaged.
func damaged(path, what string) error {
	return fmt.Errorf("%w: %s %s. It was left as it is. To recover, stop the bot and copy a backup over it "+
		"(ordinancebot pins backup makes one), or move it aside and restore the pins from an export with "+
		"ordinancebot pins import FILE", ErrDamaged, path, what)
}

// bbolt's on-disk meta page (go.etcd.io/bbolt/internal/common): a 16-byte
// page header, then magic, version, page size, flags (4 bytes each), the
// root bucket (root page, sequence), freelist page, high-water page,
// txid and an FNV-64a checksum of everything before it. bbolt maps the
// file into memory and trusts these numbers: a page beyond the end of a
// truncated file is a SIGBUS, not an error. Reading them first lets a
// truncated file be refused before bbolt touches it.
const (
	metaMagic   = 0xED0CDAED
	metaVersion = 2
	metaHeader  = 16
	metaSumOff  = metaHeader + 56
	metaLen     = metaSumOff + 8
)

type meta struct {
	pageSize uint32
	freelist uint64
	root     uint64
	hwm      uint64 // pages in use: the file must hold at least hwm*pageSize bytes
	txid     uint64
}

// readMeta decodes a meta page at off, or fails if it is not a valid one.
func readMeta(f io.ReaderAt, off int64) (meta, bool) {
	var b [metaLen]byte
	if n, _ := f.ReadAt(b[:], off); n != metaLen {
		return meta{}, false
	}
	le := binary.LittleEndian // bbolt writes native order; every platform we ship to is little-endian
	m := b[metaHeader:]
	if le.Uint32(m[0:]) != metaMagic || le.Uint32(m[4:]) != metaVersion {
		return meta{}, false
	}
	h := fnv.New64a()
	h.Write(b[metaHeader:metaSumOff])
	if h.Sum64() != le.Uint64(b[metaSumOff:]) {
		return meta{}, false
	}
	return meta{pageSize: le.Uint32(m[8:]), root: le.Uint64(m[16:]), freelist: le.Uint64(m[32:]),
		hwm: le.Uint64(m[40:]), txid: le.Uint64(m[48:])}, true
}

// checkFile refuses a file bbolt cannot safely map: empty, not a bbolt
// file, or shorter than its newest valid meta page says it is.
func checkFile(path string, f *os.File) error {
	fi, err := f.Stat()
	if err != nil {
		return fmt.Errorf("stat %s: %w", path, err)
	}
	if !fi.Mode().IsRegular() {
		return damaged(path, "is not a regular file")
	}
	if fi.Size() == 0 {
		// bbolt would initialise it: a new vote salt and every vote
		// doubled. An empty file is a crash or a mistake, never a wish.
		return damaged(path, "is empty (0 bytes)")
	}
	var metas []meta
	m0, ok0 := readMeta(f, 0)
	if ok0 {
		metas = append(metas, m0)
	}
	// The second meta page sits one page in; without the first we do not
	// know the page size, so try the sizes bbolt can use.
	sizes := []int64{1 << 10, 1 << 11, 1 << 12, 1 << 13, 1 << 14, 1 << 15, 1 << 16}
	if ok0 {
		sizes = []int64{int64(m0.pageSize)}
	}
	for _, ps := range sizes {
		if m1, ok := readMeta(f, ps); ok && int64(m1.pageSize) == ps {
			metas = append(metas, m1)
			break
		}
	}
	if len(metas) == 0 {
		return damaged(path, "is not a pins database (no valid bbolt header)")
	}
	newest := metas[0]
	for _, m := range metas[1:] {
		if m.txid > newest.txid {
			newest = m
		}
	}
	if newest.pageSize < 512 || newest.root >= newest.hwm || (newest.freelist != ^uint64(0) && newest.freelist >= newest.hwm) {
		return damaged(path, "has an inconsistent header")
	}
	if want := int64(newest.hwm) * int64(newest.pageSize); fi.Size() < want {
		return damaged(path, fmt.Sprintf("is truncated (%d bytes, needs at least %d)", fi.Size(), want))
	}
	return nil
}

// errFault is a panic or memory fault inside bbolt, turned into an error.
var errFault = errors.New("fault reading the database")

// guard runs f with memory faults turned into panics (bbolt reads a
// memory-mapped file: a damaged page or a file truncated underneath is a
// SIGBUS or SIGSEGV that would kill the process) and the panic into an
// error. bbolt rolls back a transaction that panics.
func guard(f func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", errFault, r)
		}
	}()
	return f()
}

// lockHolder names the process holding a lock on path, from /proc/locks
// (Linux), or "" when it cannot tell.
func lockHolder(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	data, err := os.ReadFile("/proc/locks")
	if err != nil {
		return ""
	}
	// "1: FLOCK  ADVISORY  WRITE 4242 fd:01:131 0 EOF": major:minor in hex, inode in decimal.
	major, minor := (st.Dev>>8)&0xfff|(st.Dev>>32)&^0xfff, st.Dev&0xff|(st.Dev>>12)&^0xff
	want := fmt.Sprintf("%02x:%02x:%d", major, minor, st.Ino)
	for line := range strings.Lines(string(data)) {
		f := strings.Fields(line)
		if len(f) < 6 || f[5] != want || strings.HasSuffix(f[0], "->") {
			continue
		}
		pid, err := strconv.Atoi(f[4])
		if err != nil {
			continue
		}
		comm, _ := os.ReadFile("/proc/" + f[4] + "/comm")
		if name := strings.TrimSpace(string(comm)); name != "" {
			return fmt.Sprintf("process %d (%s)", pid, name)
		}
		return fmt.Sprintf("process %d", pid)
	}
	return ""
}
