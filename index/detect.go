package index

import "strings"

// Words that mark a question's language: common function words and chat
// forms of one language that are rare or absent in the other. Words both
// use ("no", "a", "ice", "lapd") are left out.
var (
	esMarkers = wordSet(`de la el los las que en y por para pa con una un unos unas mi mis tu tus su sus es son esta estan
		esto eso como cuando donde quien quienes porque xq pq q k ke pueden puede puedo hay ley ciudad policia migra papeles escuela
		escuelas se lo le les al del me te nos ya tambien tmb pero muy mas sobre entre hasta desde sin ser fue han ha aqui cual
		entrar casa hijo hija hijos trabajo oye pues neta orden juez demanda ordenanza alcaldesa concejo votacion voto firmo
		estatus ayuda ayudar deportar deportan sacar pasa paso dijo dicen sabe saben alguien hola gracias jaja jajaja porfa
		qué cómo cuándo dónde quién cuál está están también así ahí acá mamá papá tía tío sí
		nuestro nuestra algo nada todo todos ellos ellas usted ustedes vez ahora todavia aun bueno otra otro`)
	enMarkers = wordSet(`the is are was were can could will would do does did what when where who why how of to and in on for
		with my your they them it its this that these those if about city police school law ask asked help get be been has have
		there any an at from by or not you i me we us our he she his her im i'm whats thx thanks pls please ppl u ur yo lol
		so just like still than then after before vote voted signed sign lawsuit sued court judge mayor council people immigrants
		status papers kids`)
)

func wordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
		m[foldQuery(w)] = true
	}
	return m
}

// DetectLang tells a question's language from its words: Spanish marker
// words and letters ("ñ", accents, "¿") against English ones. A question
// with as much of one as of the other (or neither: "ice?", "188441") takes
// the language of hint, a Discord locale such as "es-419" or "en-US", and
// English without one.
func DetectLang(q, hint string) string {
	var es, en float64
	lower := strings.ToLower(q)
	if strings.ContainsAny(lower, "¿¡ñ") {
		es += 2
	}
	for _, loc := range wordIndexes(q) {
		if q[loc[0]:loc[1]] == "LA" {
			continue // Los Angeles in either language, not the article "la"
		}
		w := strings.ToLower(q[loc[0]:loc[1]])
		if strings.ContainsAny(w, "áéíóú") {
			es++
		}
		w = foldQuery(w)
		if esMarkers[w] {
			es++
		}
		if enMarkers[w] {
			en++
		}
	}
	switch {
	case es > en:
		return "es"
	case en > es:
		return "en"
	case strings.HasPrefix(strings.ToLower(hint), "es"):
		return "es"
	}
	return "en"
}
