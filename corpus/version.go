package corpus

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"strings"
)

// versionLen is how many hex digits of the content hash a version shows:
// 48 bits tell apart every edit anyone will make to one corpus, and stay
// short enough for an embed footer and a log line.
const versionLen = 12

// Version is a short hex content hash of the documents: everything parsed
// from them (front matter and body, in corpus order), not file names or
// times, so the same documents give the same version on every machine and
// after every restart, and touching a file without changing it does not
// change it.
func (c *Corpus) Version() string { return c.version }

func contentHash(docs []*Document) string {
	h := sha256.New()
	for _, d := range docs {
		for _, f := range []string{d.ID, d.Kind, d.Label, d.Title, d.Publisher, d.Date, d.URL, d.AsOf, d.Note, d.Lang, strings.Join(d.Related, ","), strings.Join(d.Unconfirmed, ","), d.Body} {
			writeField(h, f)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:versionLen]
}

// writeField writes s length-prefixed, so that moving text from one field
// to the next always changes the hash.
func writeField(h hash.Hash, s string) {
	var n [8]byte
	binary.BigEndian.PutUint64(n[:], uint64(len(s)))
	h.Write(n[:])
	h.Write([]byte(s))
}
