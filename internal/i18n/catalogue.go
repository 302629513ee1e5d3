package i18n

// Message ids. The English text is exactly what the bot wrote before the
// catalogue existed (its golden files did not change); the Spanish is the
// Spanish of Los Angeles: "tú", "la migra", "papeles", "fijar" as
// Discord's own Spanish interface says for pinning.
const (
	// Answers.
	AnswerTitle  Key = "answer.title"
	AnswerFooter Key = "answer.footer"
	InEnglish    Key = "lang.in_english"
	InSpanish    Key = "lang.in_spanish"
	NothingTitle Key = "nothing.title"
	NothingDesc  Key = "nothing.desc"
	NothingEmpty Key = "nothing.empty"
	NothingChat  Key = "nothing.chat"
	NothingGuess Key = "nothing.prediction"
	Example1     Key = "nothing.example1"
	Example2     Key = "nothing.example2"
	Example3     Key = "nothing.example3"
	SourcesField Key = "source.sources"
	SourceFooter Key = "source.footer"
	NoPassage    Key = "source.no_passage"
	AsOfDate     Key = "source.as_of"
	SourcesLine  Key = "source.inline"
	SourcesMore  Key = "source.more"

	// Buttons under an answer.
	BtnMore       Key = "button.more"
	BtnShow       Key = "button.show"
	BtnHelpful    Key = "button.helpful"
	BtnNotHelpful Key = "button.not_helpful"
	BtnPin        Key = "button.pin"
	SelectSource  Key = "select.source"

	// Notices and refusals around an answer.
	Duplicate      Key = "notice.duplicate"
	DuplicateColon Key = "notice.duplicate_colon"
	CouldNotPost   Key = "notice.could_not_post"
	Posted         Key = "notice.posted"
	NoText         Key = "error.no_text"
	Cooldown       Key = "error.cooldown"
	NoMore         Key = "error.no_more"
	Expired        Key = "error.expired_button"
	UnknownCommand Key = "error.unknown_command"
	Generic        Key = "error.generic"
	Restarting     Key = "error.restarting"
	MentionFailed  Key = "error.mention"
	AnsweredAbove  Key = "notice.answered_above"

	// /help and /about.
	HelpTitle   Key = "help.title"
	HelpBody    Key = "help.body"
	AboutTitle  Key = "about.title"
	AboutDesc   Key = "about.desc"
	AboutFooter Key = "about.footer"
	AboutDoc    Key = "about.doc"
	AboutCites  Key = "about.cites"

	// Pinned answers, as everyone sees them.
	PinTitle  Key = "pin.title"
	PinFooter Key = "pin.footer"
	PinCites  Key = "pin.cites"

	// Moderators' replies.
	NotModerator    Key = "mod.not_moderator"
	NoStore         Key = "mod.no_store"
	GuildOnly       Key = "mod.guild_only"
	PinUsage        Key = "mod.pin_usage"
	PinAdded        Key = "mod.pin_added"
	PinRemoved      Key = "mod.pin_removed"
	PinNotFound     Key = "mod.pin_not_found"
	NotSavedInvalid Key = "mod.not_saved_invalid"
	// Why a pin was refused (pins.Invalid* codes), inside NotSavedInvalid.
	InvalidQuestionTooLong  Key = "mod.invalid.question_too_long"
	InvalidNoQuestion       Key = "mod.invalid.no_question"
	InvalidTooManyQuestions Key = "mod.invalid.too_many_questions"
	InvalidEmptyAnswer      Key = "mod.invalid.empty_answer"
	InvalidAnswerTooLong    Key = "mod.invalid.answer_too_long"
	InvalidTooManyPins      Key = "mod.invalid.too_many_pins"
	NotSaved                Key = "mod.not_saved"
	ListFailed              Key = "mod.list_failed"
	ListEmpty               Key = "mod.list_empty"
	ListTitle               Key = "mod.list_title"
	ListMore                Key = "mod.list_more"
	ListUsed                Key = "mod.list_used"
	ModalQuestions          Key = "mod.modal_questions"
	ModalPlaceholder        Key = "mod.modal_placeholder"
	ModalAnswer             Key = "mod.modal_answer"
	ModalEdit               Key = "mod.modal_edit"
	ModalPinAs              Key = "mod.modal_pin_as"
	ModalCites              Key = "mod.modal_cites"
	ModalPinNew             Key = "mod.modal_pin_new"
	NoTextToPin             Key = "mod.no_text_to_pin"
	FormExpired             Key = "mod.form_expired"
	PinTooSlow              Key = "mod.pin_too_slow"
	Saved                   Key = "mod.saved"
	SavedAs                 Key = "mod.saved_as"
	PinnedOffQueue          Key = "mod.pinned_off_queue"
	SavedAsAsked            Key = "mod.saved_as_asked"
	PinFailed               Key = "mod.pin_failed"
	PinnedInChannel         Key = "mod.pinned_in_channel"
	PinFailFull             Key = "mod.pin_fail_full"
	PinFailPerm             Key = "mod.pin_fail_perm"
	PinFailSaid             Key = "mod.pin_fail_said"
	PinFailSilent           Key = "mod.pin_fail_silent"
	NothingToPin            Key = "mod.nothing_to_pin"
	VoteNotSaved            Key = "vote.not_saved"
	VoteThanksDown          Key = "vote.thanks_down"
	VoteThanks              Key = "vote.thanks"
	QueueEmpty              Key = "queue.empty"
	QueueTitle              Key = "queue.title"
	QueueFooter             Key = "queue.footer"
	QueueNoAnswer           Key = "queue.no_answer"
	QueueNotHelpful         Key = "queue.not_helpful"
	QueueLine               Key = "queue.line"
	QueueAlso               Key = "queue.also"
	QueuePinBtn             Key = "queue.pin_button"
	QueueDismissBtn         Key = "queue.dismiss_button"
	NotDismissed            Key = "queue.not_dismissed"
	Dismissed               Key = "queue.dismissed"

	// Command and option descriptions (description_localizations): at most
	// 100 characters each, Discord's limit.
	DescAsk        Key = "cmd.ask"
	DescQuestion   Key = "cmd.ask.question"
	DescPrivate    Key = "cmd.ask.private"
	DescSource     Key = "cmd.source"
	DescSourceID   Key = "cmd.source.id"
	DescAbout      Key = "cmd.about"
	DescHelp       Key = "cmd.help"
	DescPin        Key = "cmd.pin"
	DescPinAdd     Key = "cmd.pin.add"
	DescPinAddQ    Key = "cmd.pin.add.question"
	DescPinAddA    Key = "cmd.pin.add.answer"
	DescPinList    Key = "cmd.pin.list"
	DescPinEdit    Key = "cmd.pin.edit"
	DescPinEditID  Key = "cmd.pin.edit.id"
	DescPinRemove  Key = "cmd.pin.remove"
	DescPinRemID   Key = "cmd.pin.remove.id"
	DescUnanswered Key = "cmd.unanswered"

	// The terminal's one-line answers when nothing is found ("ask").
	CLINothing    Key = "cli.nothing"
	CLIEmpty      Key = "cli.empty"
	CLIChat       Key = "cli.chat"
	CLIPrediction Key = "cli.prediction"
	// CLIScore names a passage's score in the terminal's answer.
	CLIScore Key = "cli.score"
)

var catalogue = map[string]map[Key]string{En: en, Es: es}

var en = map[Key]string{
	AnswerTitle:  "Q: %s",
	AnswerFooter: "Quotes from the sources, not legal advice. Corpus as of %s. Pick a passage below to read it whole.",
	InEnglish:    "(in English)",
	InSpanish:    "(in Spanish)",
	NothingTitle: "No answer in the sources",
	NothingDesc: "Nothing in my sources answers that, so I won't guess. I know the Los Angeles sanctuary ordinance " +
		"(No. 188441): its votes and dates, what it prohibits, its exceptions, the LAUSD resolution, SB 54 and " +
		"the federal lawsuit. Try rephrasing with words like those, for example:\n",
	NothingEmpty: "That question has no words I can search for. Ask about the Los Angeles sanctuary ordinance, for example:\n",
	NothingChat: "👋 I'm a bot: I answer questions about the Los Angeles sanctuary ordinance (No. 188441) with quotes " +
		"from my sources, and say so when they don't cover something. Ask me, for example:\n",
	NothingGuess: "My sources say what happened and what was said, not what will happen, so I won't guess. " +
		"I can tell you where things stand, for example:\n",
	Example1:     "can the police ask about my immigration status?",
	Example2:     "when was the ordinance signed?",
	Example3:     "what about ICE at schools?",
	SourcesField: "Sources",
	SourceFooter: "%s · %s · %s · id %s",
	NoPassage:    "No passage with the id %q. Start typing in /source to pick one, e.g. article-6.",
	AsOfDate:     "as of %s",
	SourcesLine:  "Sources: %s",
	SourcesMore:  "+%d more",

	BtnMore:       "More results",
	BtnShow:       "Show source",
	BtnHelpful:    "Helpful",
	BtnNotHelpful: "Not helpful",
	BtnPin:        "Pin answer",
	SelectSource:  "Show a passage in full, with its sources",

	Duplicate:      "I posted this same answer in this channel a moment ago, so here it is just for you.",
	DuplicateColon: "I posted this same answer in this channel a moment ago, so here it is just for you:",
	CouldNotPost:   "I couldn't post in this channel, so here is the answer for you to share:",
	Posted:         "Posted the cited answer as a reply to that message.",
	NoText:         "That message has no text I can read, so there is nothing to answer.",
	Cooldown:       "You're asking quickly; please wait %d s and ask again.",
	NoMore:         "No more passages for that question.",
	Expired:        "That button has expired; ask again with /ask.",
	UnknownCommand: "I don't know that command; try /help.",
	Generic:        "Sorry, something went wrong answering that. Please try again.",
	Restarting:     "I'm restarting; please try again in a minute.",
	MentionFailed:  "Sorry, something went wrong answering that.",
	AnsweredAbove:  "I answered that just above.",

	HelpTitle: "How to use ordinancebot",
	HelpBody: "I answer questions about Los Angeles Ordinance No. 188441 (the sanctuary city ordinance) " +
		"with quotes from my sources, each cited.\n\n" +
		"**/ask** `question` — ask in your own words; add `private` to see the answer alone.\n" +
		"**/source** `id` — one passage in full, e.g. `article-6`.\n" +
		"**/about** — the documents I answer from.\n" +
		"**Mention me** — \"@ordinancebot will the city help ICE?\" — or DM me.\n" +
		"**Apps → Answer with sources** on any message — I reply to it with cited passages.\n" +
		"**Helpful / Not helpful** under an answer tells the moderators how it went.\n\n" +
		"Moderators: **Pin answer** under an answer, **Apps → Pin as answer** on any message, or **/pin** " +
		"make an answer come first for that question here; **/unanswered** lists what I could not answer.\n\n" +
		"If my sources don't cover a question, I say so instead of guessing.",
	AboutTitle: "What ordinancebot knows",
	AboutDesc: "I answer only from these documents, quoting the passages and citing them. " +
		"I am not a lawyer and this is not legal advice.",
	AboutFooter: "Corpus as of %s · version %s",
	AboutDoc:    "%s · %s · %d passages · as of %s",
	AboutCites:  "Cites %d numbered sources; /source shows them per passage.",

	PinTitle:  "📌 Pinned by this server's moderators: %s",
	PinFooter: "Pin %s · pinned %s",
	PinCites:  "Cites",

	NotModerator:            "Only moderators can do that: members with Manage Messages or Pin Messages in this channel, or a moderator role.",
	NoStore:                 "Pinned answers are not enabled on this bot.",
	GuildOnly:               "Pinned answers belong to a server; use this in a server channel.",
	PinUsage:                "Use /pin add, /pin list, /pin edit or /pin remove.",
	PinAdded:                "Pinned %s. People who ask \"%s\" will see it first.",
	PinRemoved:              "Removed %s (\"%s\").",
	PinNotFound:             "No pinned answer with that id here; /pin list shows them.",
	NotSavedInvalid:         "Not saved: %s.",
	InvalidQuestionTooLong:  "a question is longer than %d characters",
	InvalidNoQuestion:       "a pin needs at least one question",
	InvalidTooManyQuestions: "at most %d questions per pin",
	InvalidEmptyAnswer:      "the answer is empty",
	InvalidAnswerTooLong:    "the answer is longer than %d characters",
	InvalidTooManyPins:      "this server already has %s pinned answers, the most it may have; remove one with /pin remove (or /pin edit one to add a question to it) first",
	NotSaved:                "Not saved: the database did not answer. Please try again.",
	ListFailed:              "Sorry, I could not read the pinned answers.",
	ListEmpty:               "No pinned answers yet. Use the Pin answer button on an answer, Apps → Pin as answer on a message, or /pin add.",
	ListTitle:               "Pinned answers (%d)",
	ListMore:                "Showing the first 25; pins export has them all.",
	ListUsed:                "\n-# used %d× · pinned %s",
	ModalQuestions:          "Question(s) it answers, one per line",
	ModalPlaceholder:        "e.g. can the police ask about my immigration status?",
	ModalAnswer:             "Answer (Discord markdown)",
	ModalEdit:               "Edit pinned answer %s",
	ModalPinAs:              "Pin as answer",
	ModalCites:              "Cited passages (ids, space-separated)",
	ModalPinNew:             "Pin an answer",
	NoTextToPin:             "That message has no text to pin as an answer.",
	FormExpired:             "That form has expired; please start again.",
	PinTooSlow:              "That took too long (or I restarted); please use Pin as answer on the message again.",
	Saved:                   "Saved %s.",
	SavedAs:                 "Saved as %s.",
	PinnedOffQueue:          "Pinned %s; that question is off the unanswered list.",
	SavedAsAsked:            "Saved as %s: people who ask \"%s\" will see this answer first.",
	PinFailed:               "\nBut I could not pin the message in the channel: %s The answer is saved all the same.",
	PinnedInChannel:         " The message is pinned in the channel.",
	PinFailFull:             "this channel already has the maximum number of pins (250); unpin an old message and pin this one by hand.",
	PinFailPerm:             "I lack the Pin Messages permission in this channel; a server admin can grant it.",
	PinFailSaid:             "Discord said %q.",
	PinFailSilent:           "Discord did not answer.",
	NothingToPin:            "There is no answer to pin for that question.",
	VoteNotSaved:            "Your vote was not saved: the database did not answer. Please try again.",
	VoteThanksDown:          "Thanks. I've noted that this answer didn't help; the moderators will see the question.",
	VoteThanks:              "Thanks for the feedback!",
	QueueEmpty:              "Nothing in the queue: every question asked here was answered, and no answer was voted down.",
	QueueTitle:              "Questions I could not answer",
	QueueFooter:             "Most asked first. Pin an answer to teach me; Dismiss to drop it.",
	QueueNoAnswer:           "no answer",
	QueueNotHelpful:         "answer voted not helpful",
	QueueLine:               "asked %d× · last %s · %s",
	QueueAlso:               "\nalso: %s",
	QueuePinBtn:             "%d. Pin an answer",
	QueueDismissBtn:         "%d. Dismiss",
	NotDismissed:            "Not dismissed: the database did not answer. Please try again.",
	Dismissed:               "Dismissed.",

	DescAsk:        "Ask about the LA sanctuary ordinance; get cited passages from the sources",
	DescQuestion:   "Your question, in your own words",
	DescPrivate:    "Only you see the answer",
	DescSource:     "Show one cited passage in full, with its source",
	DescSourceID:   "Citation id or label, e.g. article-6",
	DescAbout:      "What the bot knows: documents, publishers, dates and links",
	DescHelp:       "How to use ordinancebot",
	DescPin:        "Curate this server's pinned answers (moderators)",
	DescPinAdd:     "Pin an answer to a question",
	DescPinAddQ:    "The question it answers",
	DescPinAddA:    "The answer (Discord markdown)",
	DescPinList:    "List this server's pinned answers",
	DescPinEdit:    "Edit a pinned answer",
	DescPinEditID:  "The pin to edit, e.g. p3",
	DescPinRemove:  "Remove a pinned answer",
	DescPinRemID:   "The pin to remove, e.g. p3",
	DescUnanswered: "Questions I could not answer, most asked first (moderators)",

	CLINothing: "Nothing in the sources answers that. They cover the Los Angeles sanctuary ordinance (No. 188441), its votes, " +
		"rules, exceptions, the LAUSD resolution, SB 54 and the lawsuit; try rephrasing with those words.",
	CLIEmpty:      "That question has no words to search for. Ask about the Los Angeles sanctuary ordinance, e.g. \"can police ask about immigration status?\"",
	CLIChat:       "Hi! I answer questions about the Los Angeles sanctuary ordinance (No. 188441) from my sources, e.g. \"can police ask about immigration status?\"",
	CLIScore:      "score",
	CLIPrediction: "The sources say what happened and what was said, not what will happen. Ask where things stand, e.g. \"what happened to the DOJ lawsuit?\"",
}

// es is the Spanish catalogue. Command names (/ask, /source, "Answer with
// sources") stay English in it: they are what Discord shows and what
// people type, whatever their locale.
var es = map[Key]string{
	AnswerTitle:  "P: %s",
	AnswerFooter: "Citas de las fuentes, no es asesoría legal. Fuentes al %s. Elige un pasaje abajo para leerlo completo.",
	InEnglish:    "(en inglés)",
	InSpanish:    "(en español)",
	NothingTitle: "Mis fuentes no tienen la respuesta",
	NothingDesc: "Nada en mis fuentes responde a eso, así que no voy a adivinar. Conozco la ordenanza santuario de " +
		"Los Ángeles (No. 188441): sus votaciones y fechas, lo que prohíbe, sus excepciones, la resolución de LAUSD, " +
		"la SB 54 y la demanda federal. Intenta preguntarlo con palabras como esas, por ejemplo:\n",
	NothingEmpty: "Esa pregunta no tiene palabras que yo pueda buscar. Pregunta sobre la ordenanza santuario de Los Ángeles, por ejemplo:\n",
	NothingChat: "👋 Soy un bot: respondo preguntas sobre la ordenanza santuario de Los Ángeles (No. 188441) con citas " +
		"de mis fuentes, y te digo cuando no cubren algo. Pregúntame, por ejemplo:\n",
	NothingGuess: "Mis fuentes dicen lo que pasó y lo que se dijo, no lo que va a pasar, así que no voy a adivinar. " +
		"Puedo decirte en qué van las cosas, por ejemplo:\n",
	Example1:     "¿la policía me puede preguntar si tengo papeles?",
	Example2:     "¿cuándo firmó la alcaldesa la ordenanza?",
	Example3:     "¿la migra puede entrar a las escuelas?",
	SourcesField: "Fuentes",
	SourceFooter: "%s · %s · %s · id %s",
	NoPassage:    "No hay ningún pasaje con el id %q. Empieza a escribir en /source para elegir uno, por ejemplo resumen-que-prohibe-2.",
	AsOfDate:     "al %s",
	SourcesLine:  "Fuentes: %s",
	SourcesMore:  "y %d más",

	BtnMore:       "Más resultados",
	BtnShow:       "Ver la fuente",
	BtnHelpful:    "Me sirvió",
	BtnNotHelpful: "No me sirvió",
	BtnPin:        "Fijar respuesta",
	SelectSource:  "Ver un pasaje completo, con sus fuentes",

	Duplicate:      "Publiqué esta misma respuesta en este canal hace un momento, así que aquí está solo para ti.",
	DuplicateColon: "Publiqué esta misma respuesta en este canal hace un momento, así que aquí está solo para ti:",
	CouldNotPost:   "No pude publicar en este canal, así que aquí tienes la respuesta para que la compartas:",
	Posted:         "Publiqué la respuesta con sus citas debajo de ese mensaje.",
	NoText:         "Ese mensaje no tiene texto que yo pueda leer, así que no hay nada que responder.",
	Cooldown:       "Estás preguntando muy rápido; espera %d s y vuelve a preguntar.",
	NoMore:         "Ya no hay más pasajes para esa pregunta.",
	Expired:        "Ese botón ya expiró; vuelve a preguntar con /ask.",
	UnknownCommand: "No conozco ese comando; prueba con /help.",
	Generic:        "Perdón, algo falló al responder eso. Inténtalo de nuevo, por favor.",
	Restarting:     "Me estoy reiniciando; inténtalo de nuevo en un minuto.",
	MentionFailed:  "Perdón, algo falló al responder eso.",
	AnsweredAbove:  "Ya respondí eso aquí arriba.",

	HelpTitle: "Cómo usar ordinancebot",
	HelpBody: "Respondo preguntas sobre la Ordenanza No. 188441 de Los Ángeles (la ordenanza de ciudad santuario) " +
		"con citas de mis fuentes, cada una con su referencia.\n\n" +
		"**/ask** `question` — pregunta con tus propias palabras; agrega `private` para que solo tú veas la respuesta.\n" +
		"**/source** `id` — un pasaje completo, por ejemplo `resumen-que-prohibe-2`.\n" +
		"**/about** — los documentos de donde saco mis respuestas.\n" +
		"**Mencióname** — \"@ordinancebot ¿la ciudad le ayuda a la migra?\" — o mándame un mensaje directo.\n" +
		"**Aplicaciones → Answer with sources** en cualquier mensaje — le respondo con pasajes citados.\n" +
		"**Me sirvió / No me sirvió** debajo de una respuesta les dice a los moderadores cómo te fue.\n\n" +
		"Moderadores: **Fijar respuesta** debajo de una respuesta, **Aplicaciones → Pin as answer** en cualquier mensaje, " +
		"o **/pin** hacen que una respuesta salga primero para esa pregunta aquí; **/unanswered** muestra lo que no pude responder.\n\n" +
		"Si mis fuentes no cubren una pregunta, te lo digo en vez de adivinar.",
	AboutTitle: "Lo que sabe ordinancebot",
	AboutDesc: "Solo respondo con estos documentos, citando los pasajes y sus fuentes. " +
		"No soy abogado y esto no es asesoría legal.",
	AboutFooter: "Fuentes al %s · versión %s",
	AboutDoc:    "%s · %s · %d pasajes · al %s",
	AboutCites:  "Cita %d fuentes numeradas; /source las muestra en cada pasaje.",

	PinTitle:  "📌 Respuesta fijada por los moderadores de este servidor: %s",
	PinFooter: "Respuesta %s · fijada el %s",
	PinCites:  "Citas",

	NotModerator:            "Solo los moderadores pueden hacer eso: miembros con Gestionar mensajes o Fijar mensajes en este canal, o con un rol de moderador.",
	NoStore:                 "Las respuestas fijadas no están activadas en este bot.",
	GuildOnly:               "Las respuestas fijadas son de un servidor; usa esto en un canal del servidor.",
	PinUsage:                "Usa /pin add, /pin list, /pin edit o /pin remove.",
	PinAdded:                "Fijé %s. Quien pregunte \"%s\" la verá primero.",
	PinRemoved:              "Quité %s (\"%s\").",
	PinNotFound:             "Aquí no hay ninguna respuesta fijada con ese id; /pin list las muestra.",
	NotSavedInvalid:         "No se guardó: %s.",
	InvalidQuestionTooLong:  "una pregunta tiene más de %d caracteres",
	InvalidNoQuestion:       "una respuesta fijada necesita al menos una pregunta",
	InvalidTooManyQuestions: "como máximo %d preguntas por respuesta fijada",
	InvalidEmptyAnswer:      "la respuesta está vacía",
	InvalidAnswerTooLong:    "la respuesta tiene más de %d caracteres",
	InvalidTooManyPins:      "este servidor ya tiene %s respuestas fijadas, el máximo permitido; primero quita una con /pin remove (o agrega una pregunta a una que ya existe con /pin edit)",
	NotSaved:                "No se guardó: la base de datos no respondió. Inténtalo de nuevo, por favor.",
	ListFailed:              "Perdón, no pude leer las respuestas fijadas.",
	ListEmpty:               "Todavía no hay respuestas fijadas. Usa el botón Fijar respuesta en una respuesta, Aplicaciones → Pin as answer en un mensaje, o /pin add.",
	ListTitle:               "Respuestas fijadas (%d)",
	ListMore:                "Se muestran las primeras 25; pins export las tiene todas.",
	ListUsed:                "\n-# usada %d× · fijada el %s",
	ModalQuestions:          "Pregunta(s) que responde, una por línea",
	ModalPlaceholder:        "p. ej. ¿la policía me puede preguntar si tengo papeles?",
	ModalAnswer:             "Respuesta (markdown de Discord)",
	ModalEdit:               "Editar la respuesta fijada %s",
	ModalPinAs:              "Fijar como respuesta",
	ModalCites:              "Pasajes citados (ids, separados por espacios)",
	ModalPinNew:             "Fijar una respuesta",
	NoTextToPin:             "Ese mensaje no tiene texto para fijarlo como respuesta.",
	FormExpired:             "Ese formulario ya expiró; empieza de nuevo, por favor.",
	PinTooSlow:              "Pasó demasiado tiempo (o me reinicié); vuelve a usar Pin as answer en el mensaje, por favor.",
	Saved:                   "Guardé %s.",
	SavedAs:                 "Quedó guardada como %s.",
	PinnedOffQueue:          "Fijé %s; esa pregunta ya salió de la lista de preguntas sin respuesta.",
	SavedAsAsked:            "Quedó guardada como %s: quien pregunte \"%s\" verá esta respuesta primero.",
	PinFailed:               "\nPero no pude fijar el mensaje en el canal: %s La respuesta quedó guardada de todos modos.",
	PinnedInChannel:         " El mensaje quedó fijado en el canal.",
	PinFailFull:             "este canal ya tiene el máximo de mensajes fijados (250); quita uno viejo y fija este a mano.",
	PinFailPerm:             "me falta el permiso Fijar mensajes en este canal; un administrador del servidor me lo puede dar.",
	PinFailSaid:             "Discord respondió %q.",
	PinFailSilent:           "Discord no respondió.",
	NothingToPin:            "No hay ninguna respuesta que fijar para esa pregunta.",
	VoteNotSaved:            "Tu voto no se guardó: la base de datos no respondió. Inténtalo de nuevo, por favor.",
	VoteThanksDown:          "Gracias. Anoté que esta respuesta no te sirvió; los moderadores verán la pregunta.",
	VoteThanks:              "¡Gracias por tu opinión!",
	QueueEmpty:              "No hay nada pendiente: todas las preguntas de aquí tuvieron respuesta y ninguna recibió un voto negativo.",
	QueueTitle:              "Preguntas que no pude responder",
	QueueFooter:             "Las más preguntadas primero. Fija una respuesta para enseñarme; Descartar para quitarla.",
	QueueNoAnswer:           "sin respuesta",
	QueueNotHelpful:         "votaron que la respuesta no sirvió",
	QueueLine:               "preguntada %d× · la última vez el %s · %s",
	QueueAlso:               "\ntambién: %s",
	QueuePinBtn:             "%d. Fijar una respuesta",
	QueueDismissBtn:         "%d. Descartar",
	NotDismissed:            "No se descartó: la base de datos no respondió. Inténtalo de nuevo, por favor.",
	Dismissed:               "Descartada.",

	DescAsk:        "Pregunta sobre la ordenanza santuario de LA; recibe pasajes citados de las fuentes",
	DescQuestion:   "Tu pregunta, con tus propias palabras",
	DescPrivate:    "Solo tú ves la respuesta",
	DescSource:     "Muestra un pasaje citado completo, con su fuente",
	DescSourceID:   "Id o nombre de la cita, por ejemplo resumen-que-prohibe-2",
	DescAbout:      "Lo que sabe el bot: documentos, quién los publica, fechas y enlaces",
	DescHelp:       "Cómo usar ordinancebot",
	DescPin:        "Administra las respuestas fijadas de este servidor (moderadores)",
	DescPinAdd:     "Fija una respuesta a una pregunta",
	DescPinAddQ:    "La pregunta que responde",
	DescPinAddA:    "La respuesta (markdown de Discord)",
	DescPinList:    "Muestra las respuestas fijadas de este servidor",
	DescPinEdit:    "Edita una respuesta fijada",
	DescPinEditID:  "La respuesta fijada que quieres editar, por ejemplo p3",
	DescPinRemove:  "Quita una respuesta fijada",
	DescPinRemID:   "La respuesta fijada que quieres quitar, por ejemplo p3",
	DescUnanswered: "Preguntas que no pude responder, las más preguntadas primero (moderadores)",
	CLINothing: "Nada en las fuentes responde a eso. Cubren la ordenanza santuario de Los Ángeles (No. 188441), sus votaciones, " +
		"reglas, excepciones, la resolución de LAUSD, la SB 54 y la demanda; prueba a preguntarlo con esas palabras.",
	CLIEmpty:      "Esa pregunta no tiene palabras que buscar. Pregunta sobre la ordenanza santuario de Los Ángeles, por ejemplo \"¿la policía me puede preguntar por mi estatus migratorio?\"",
	CLIChat:       "¡Hola! Contesto preguntas sobre la ordenanza santuario de Los Ángeles (No. 188441) con mis fuentes, por ejemplo \"¿la policía me puede preguntar por mi estatus migratorio?\"",
	CLIScore:      "puntuación",
	CLIPrediction: "Las fuentes dicen lo que pasó y lo que se dijo, no lo que va a pasar. Pregunta cómo están las cosas, por ejemplo \"¿qué pasó con la demanda del DOJ?\"",
}
