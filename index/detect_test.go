package index

import "testing"

func TestDetectLang(t *testing.T) {
	for _, c := range []struct{ q, hint, want string }{
		{"can the police ask about my immigration status", "", "en"},
		{"¿la policía me puede preguntar por mi estatus?", "", "es"},
		{"la migra puede entrar a la escuela", "", "es"},
		// "LA" as typed is Los Angeles, not the article: short English
		// questions about the city stay English.
		{"weather LA tmrw", "", "en"},
		{"LA sanctuary vote?", "", "en"},
		{"que paso con la ordenanza en LA", "", "es"},
		{"ice?", "", "en"},
		{"ice?", "es-419", "es"},
		{"İstanbul LA", "", "en"}, // a capital whose lower case is longer must not upset the word offsets
	} {
		if got := DetectLang(c.q, c.hint); got != c.want {
			t.Errorf("DetectLang(%q, %q) = %s, want %s", c.q, c.hint, got, c.want)
		}
	}
}
