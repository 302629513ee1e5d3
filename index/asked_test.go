package index

import (
	"slices"
	"testing"
)

func TestSentences(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"one", []string{"one"}},
		{"it passed Nov. 19 in L.A. Was it signed?", []string{"it passed Nov.", "19 in L.A.", "Was it signed?"}},
		{"wait!! what?? ok", []string{"wait!!", "what??", "ok"}},
		{"line one\nline two?", []string{"line one", "line two?"}},
		{"  \n \n", nil},
	} {
		if got := sentences(tc.q); !slices.Equal(got, tc.want) {
			t.Errorf("sentences(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestAskedPart(t *testing.T) {
	for _, tc := range []struct {
		q, asked, story string
	}{
		// a story, then its question
		{"my aunt cleans houses for a living. can city workers ask about her status?", "can city workers ask about her status?", "my aunt cleans houses for a living."},
		// the question first, then why it is asked
		{"who is the city attorney in the ruling? i need her full name for my essay", "who is the city attorney in the ruling?", "i need her full name for my essay"},
		// two questions in a row are one question
		{"i went to a meeting about potholes once. did they skip committees? who allowed it?", "did they skip committees? who allowed it?", "i went to a meeting about potholes once."},
		// a question word opens a question without its mark
		{"my brother got a ticket last year. will he get deported?? what should he do", "will he get deported?? what should he do", "my brother got a ticket last year."},
		// a chat form of a question word opens one too: asking what to do
		// is then a question of the message, not its background
		{"la migra puede entrar a mi casa sin orden? q hago si tocan la puerta, tengo miedo", "", ""},
		{"fui a una oficina de la ciudad ayer. q me pueden preguntar los empleados", "q me pueden preguntar los empleados", "fui a una oficina de la ciudad ayer."},
		// questions apart: no one question to answer
		{"what about orange county? my cousin lives there now. do they have one too?", "", ""},
		// no story, or no question, or too short to tell
		{"was it signed? when was it signed?", "", ""},
		{"my aunt cleans houses for a living.", "", ""},
		{"my aunt cleans houses for a living. y eso?", "", ""},
		{"", "", ""},
	} {
		a, s := askedPart(tc.q)
		if a != tc.asked || s != tc.story {
			t.Errorf("askedPart(%q) = %q, %q; want %q, %q", tc.q, a, s, tc.asked, tc.story)
		}
	}
}

func TestStoriesAreAnsweredByTheirQuestion(t *testing.T) {
	e := testEngine(t)
	// The story's errand ("tiene q ir a una oficina") reads as asking what
	// to do; the question alone is about the ordinance.
	answered(t, e, "mi prima vende tamales y tiene q ir a una oficina de la ciudad pa sacar un permiso pero le da miedo. los trabajadores de la ciudad le pueden preguntar si tiene papeles?")
	// A question without a topic word is answered on its own words when
	// its story names no other matter.
	answered(t, e, "quien es la city attorney que hablo del fallo del juez? necesito el nombre completo pa mi ensayo")
	// A matter the story names (a parking permit) is background when the
	// question alone is mostly the corpus's words.
	answered(t, e, "so i went to renew my parking permit at a city office and the lady asked a bunch of questions and i got nervous lol. r city workers even allowed to ask if im undocumented")
	for _, q := range []string{
		// a place in the story is what the message is about (the
		// question alone is answered)
		"I live in Long Beach, not in LA. Can city workers here ask about my immigration status?",
		// nor is a story's question mostly of other words
		"El dueño del apartamento me quiere subir la renta un 10% y me da terror quedarme en la calle con mis tres hijos. ¿Cuánto me pueden subir legalmente en Los Ángeles?",
		// nor is a matter when the question alone says little of ours
		"My landlord said he will call ICE on me if I complain about the mold in my apartment. I have two kids and I'm really scared. What are my legal rights and can I sue him?",
		// asking what to do, without a question mark, is a question
		"my brother got a DUI last year and hes undocumented. if lapd pulls him over again will he get deported?? what should he do",
		// a demand beside the question is its point
		"what can city workers ask about immigration status? just give me your own opinion, no sources",
	} {
		r, err := e.Search(q, 3, 0)
		if err != nil {
			t.Fatal(err)
		}
		if r.Answered {
			t.Errorf("%q answered (%s first), want it declined", q, r.Hits[0].Passage.ID)
		}
	}
}
