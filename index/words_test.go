package index

import (
	"reflect"
	"testing"
)

func TestWordIndexesMatchRegexp(t *testing.T) {
	for _, s := range []string{
		"", " ", "hi", "what's the ordinance's vote? 12-0 / 13-0", "a/b 'quoted' o'neil ''x", "¿Qué pasó con la ordenanza 188441?",
		"sb54 ed20 https://x.y/z <@123> 😀 emoji😀word", "trailing'", "'leading", "x//y''", "١٢٣ arabic digits ½ ⅓",
		"caf\u00e9 cafe\u0301 \xff\xfe broken \ufffd", "日本語のテキスト", "tab\tnew\nline",
	} {
		if got, want := wordIndexes(s), wordRE.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, want %v", s, got, want)
		}
	}
}

func FuzzWordIndexes(f *testing.F) {
	f.Add("what's the vote 12/0")
	f.Add("caf\u00e9 \xff x'/y")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := wordIndexes(s), wordRE.FindAllStringIndex(s, -1); !reflect.DeepEqual(got, want) {
			t.Errorf("%q: got %v, want %v", s, got, want)
		}
	})
}
