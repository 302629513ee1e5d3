package index

// suggestionsES are the Spanish autocomplete questions, checked by a test to
// be answered like the English ones.
var suggestionsES = []string{
	"¿La policía me puede preguntar por mi estatus migratorio?",
	"¿La ciudad ayuda a ICE con las deportaciones?",
	"¿Los empleados de la ciudad pueden dar mi información a la migra?",
	"¿La ciudad respeta las solicitudes de detención de ICE?",
	"¿Qué pasa con las órdenes judiciales?",
	"¿Hay excepciones para personas con delitos graves?",
	"¿Cómo fue la votación de la ordenanza santuario?",
	"¿Por qué hubo dos votaciones (13–0 y 12–0)?",
	"¿Cuándo se firmó la ordenanza?",
	"¿Ya es ley la ordenanza santuario?",
	"¿Qué es la Ordenanza No. 188441?",
	"¿Qué prohíbe la ordenanza?",
	"¿ICE puede usar propiedades de la ciudad?",
	"¿Qué hizo el distrito escolar LAUSD?",
	"¿La migra puede entrar a las escuelas?",
	"¿Qué es la ley SB 54 de California?",
	"¿Qué es la Orden Especial 40 de LAPD?",
	"¿El gobierno de Trump demandó a Los Ángeles?",
	"¿Se desestimó la demanda contra la ordenanza?",
	"¿Qué dijo la alcaldesa Bass sobre la ordenanza?",
	"¿Por qué los republicanos critican la ordenanza?",
	"¿Qué no está confirmado sobre la ordenanza?",
}
