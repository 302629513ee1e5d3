package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"reflect"
	"strings"

	"ordinancebot/pins"
)

// fileError names a file once: *fs.PathError says "open NAME: reason",
// and callers add their own context.
func fileError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", pe.Path, pe.Err)
	}
	return err
}

// reworded keeps the error chain (errors.Is and As still see the
// original) under a message for people.
type reworded struct {
	msg string
	err error
}

func (r *reworded) Error() string { return r.msg }
func (r *reworded) Unwrap() error { return r.err }

// reword replaces the text of inner, somewhere in err's chain, by text:
// the context the outer errors add ("line 3: ") stays, the wording of
// the inner one changes.
func reword(err, inner error, text string) error {
	return &reworded{msg: strings.Replace(err.Error(), inner.Error(), text, 1), err: err}
}

// plainJSONError says a JSON error in the file's words: encoding/json
// names Go types ("into Go struct field Question.q of type string").
func plainJSONError(err error) error {
	var typ *json.UnmarshalTypeError
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &typ):
		if typ.Field == "" {
			return reword(err, typ, fmt.Sprintf("expected a JSON object, found a JSON %s", typ.Value))
		}
		return reword(err, typ, fmt.Sprintf("field %q must be %s, not a JSON %s", typ.Field, jsonKind(typ), typ.Value))
	case errors.As(err, &syn):
		return reword(err, syn, fmt.Sprintf("invalid JSON at byte %d", syn.Offset))
	case errors.Is(err, bufio.ErrTooLong):
		return reword(err, bufio.ErrTooLong, "a line is longer than 1 MiB")
	}
	return err
}

func jsonKind(typ *json.UnmarshalTypeError) string {
	if typ.Type == nil {
		return "something else"
	}
	switch typ.Type.Kind() {
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "a list"
	case reflect.Int, reflect.Int64, reflect.Uint64, reflect.Float64:
		return "a number"
	case reflect.Bool:
		return "true or false"
	case reflect.Struct, reflect.Map:
		return "an object"
	}
	return "something else"
}

// pinsImportError drops the "invalid: " that pins.InvalidError puts
// inside the context DecodeImport adds ("line 1: invalid: ..."); the
// caller says once that the file was refused.
func pinsImportError(err error) error {
	var inv *pins.InvalidError
	if errors.As(err, &inv) {
		return reword(err, inv, inv.Reason)
	}
	return err
}
