package fakediscord

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

// Discord's OpenAPI spec validates every body the bot sends to the fake;
// checks below add the limits it does not encode. The spec is vendored
// (MIT, see testdata/LICENSE and testdata/README.md for its upstream commit)
// and embedded, so the tests need nothing beside the repository and work
// from whichever package directory `go test` runs them in. This package is
// imported only by tests, so the 1.2 MB never reaches the bot's binary.
//
//go:embed testdata/openapi.json
var specJSON []byte

var (
	specOnce    sync.Once
	specErr     error
	specSchemas map[string]*jsonschema.Schema
)

var specPointers = map[string]string{
	"commands":     "#/paths/~1applications~1{application_id}~1commands/put/requestBody/content/application~1json/schema",
	"message":      "#/components/schemas/CreateMessageInteractionCallbackRequest",
	"autocomplete": "#/components/schemas/ApplicationCommandAutocompleteCallbackRequest",
	"modal":        "#/components/schemas/ModalInteractionCallbackRequest",
	"webhookEdit":  "#/components/schemas/IncomingWebhookUpdateRequestPartial",
	"channelMsg":   "#/components/schemas/MessageCreateRequest",
}

func loadSpec() error {
	specOnce.Do(func() {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(specJSON))
		if err != nil {
			specErr = fmt.Errorf("parse spec: %w", err)
			return
		}
		c := jsonschema.NewCompiler()
		c.DefaultDraft(jsonschema.Draft2020)
		if err := c.AddResource("discord.json", doc); err != nil {
			specErr = err
			return
		}
		specSchemas = map[string]*jsonschema.Schema{}
		for name, ptr := range specPointers {
			s, err := c.Compile("discord.json" + ptr)
			if err != nil {
				specErr = fmt.Errorf("compile %s: %w", name, err)
				return
			}
			specSchemas[name] = s
		}
	})
	return specErr
}

// Validate checks one request body the bot sent; no problems means valid.
func Validate(method, path string, body []byte) []string {
	if err := loadSpec(); err != nil {
		return []string{err.Error()}
	}
	var kind string
	switch {
	case method == "PUT" && strings.HasSuffix(path, "/commands"):
		kind = "commands"
	case method == "POST" && strings.HasSuffix(path, "/callback"):
		var head struct{ Type int }
		json.Unmarshal(body, &head)
		switch head.Type {
		case 4, 5:
			kind = "message"
		case 8:
			kind = "autocomplete"
		case 9:
			kind = "modal"
		default:
			return []string{fmt.Sprintf("callback type %d not expected from this bot", head.Type)}
		}
	case method == "PATCH" && strings.HasPrefix(path, "/webhooks/"):
		kind = "webhookEdit"
	case method == "POST" && strings.HasPrefix(path, "/channels/") && strings.HasSuffix(path, "/messages"):
		kind = "channelMsg"
	default:
		return nil
	}
	var problems []string
	var inst any
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		return []string{"body is not JSON: " + err.Error()}
	}
	if kind == "commands" {
		// discordgo sends default_member_permissions as a string, as the
		// docs say; the spec types it as an integer.
		for _, c := range inst.([]any) {
			if m, ok := c.(map[string]any); ok {
				if p, ok := m["default_member_permissions"].(string); ok {
					m["default_member_permissions"] = json.Number(p)
				}
			}
		}
	}
	if err := specSchemas[kind].Validate(inst); err != nil {
		problems = append(problems, fmt.Sprintf("%s %s against %s: %v", method, path, kind, err))
	}
	return append(problems, extraLimits(kind, body)...)
}

var commandName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

// extraLimits are Discord's documented limits that the spec leaves out.
func extraLimits(kind string, body []byte) []string {
	var p []string
	bad := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	type embed struct {
		Title, Description string
		Footer             *struct{ Text string }
		Author             *struct{ Name string }
		Fields             []struct{ Name, Value string }
	}
	type button struct {
		Type     int
		CustomID string `json:"custom_id"`
	}
	type payload struct {
		Content    string
		Embeds     []embed
		Components []struct{ Components []button }
		Choices    []struct {
			Name  string
			Value any
		}
	}
	checkPayload := func(m payload) {
		if n := utf8.RuneCountInString(m.Content); n > 2000 {
			bad("content is %d characters (max 2000)", n)
		}
		total := 0
		for _, e := range m.Embeds {
			total += utf8.RuneCountInString(e.Title) + utf8.RuneCountInString(e.Description)
			if e.Footer != nil {
				total += utf8.RuneCountInString(e.Footer.Text)
			}
			if e.Author != nil {
				total += utf8.RuneCountInString(e.Author.Name)
			}
			for _, f := range e.Fields {
				total += utf8.RuneCountInString(f.Name) + utf8.RuneCountInString(f.Value)
			}
		}
		if total > 6000 {
			bad("embeds total %d characters (max 6000)", total)
		}
		if len(m.Components) > 5 {
			bad("%d action rows (max 5)", len(m.Components))
		}
		ids := map[string]bool{}
		for _, row := range m.Components {
			for _, c := range row.Components {
				if c.CustomID != "" && ids[c.CustomID] {
					bad("custom_id %q used twice", c.CustomID)
				}
				ids[c.CustomID] = true
			}
		}
		for _, c := range m.Choices {
			if s, ok := c.Value.(string); ok && utf8.RuneCountInString(s) > 100 {
				bad("choice value of %d characters (max 100)", utf8.RuneCountInString(s))
			}
		}
	}
	switch kind {
	case "commands":
		var cmds []struct {
			Name, Description string
			Type              int
			Options           []struct {
				Name         string
				Autocomplete bool
				Choices      []any
			}
		}
		json.Unmarshal(body, &cmds)
		for _, c := range cmds {
			size := len(c.Name) + len(c.Description)
			if c.Type <= 1 && (!commandName.MatchString(c.Name) || strings.ToLower(c.Name) != c.Name) {
				bad("command name %q breaks Discord's name rule", c.Name)
			}
			for _, o := range c.Options {
				size += len(o.Name)
				if o.Autocomplete && len(o.Choices) > 0 {
					bad("option %s has both autocomplete and choices", o.Name)
				}
			}
			if size > 8000 {
				bad("command %s is %d characters (max 8000)", c.Name, size)
			}
		}
	case "message", "autocomplete":
		var r struct{ Data payload }
		json.Unmarshal(body, &r)
		checkPayload(r.Data)
	case "webhookEdit", "channelMsg":
		var m payload
		json.Unmarshal(body, &m)
		checkPayload(m)
	}
	return p
}
