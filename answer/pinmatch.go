package answer

import (
	"context"
	"sync"

	"ordinancebot/index"
	"ordinancebot/pins"
)

// guildPins is a server's pins with the matcher built from them, and the
// store's version they were read at.
type guildPins struct {
	version string
	byID    map[string]pins.Pin
	matcher *index.PinMatcher
}

// pinCache keeps one matcher per server. With a store that versions its
// pins (pins.Versioner) a question costs one version read, whatever the
// number of pins; without one, the pins are read and indexed per question.
type pinCache struct {
	mu     sync.Mutex
	guilds map[string]*guildPins
}

func (s *Service) guildPins(ctx context.Context, guildID string) (*guildPins, error) {
	ver, versioned := s.pins.(pins.Versioner)
	var version string
	if versioned {
		v, err := ver.PinsVersion(ctx, guildID)
		if err != nil {
			return nil, err
		}
		version = v
		// A matcher holds the engine's analysis of the pins: after a
		// corpus reload (index.Holder) it is rebuilt with the new words.
		if cv, ok := s.search.(interface{ CorpusVersion() string }); ok {
			version += "@" + cv.CorpusVersion()
		}
		s.cache.mu.Lock()
		g := s.cache.guilds[guildID]
		s.cache.mu.Unlock()
		if g != nil && g.version == version {
			return g, nil
		}
	}
	ps, err := s.pins.List(ctx, guildID)
	if err != nil {
		return nil, err
	}
	g := &guildPins{version: version, byID: make(map[string]pins.Pin, len(ps))}
	docs := make([]index.PinDoc, 0, len(ps))
	for _, p := range ps {
		g.byID[p.ID] = p
		docs = append(docs, index.PinDoc{ID: p.ID, Questions: p.Questions, Answer: p.Answer, Citations: p.Citations})
	}
	g.matcher = s.search.PinMatcher(docs)
	if versioned {
		s.cache.mu.Lock()
		if s.cache.guilds == nil {
			s.cache.guilds = map[string]*guildPins{}
		}
		s.cache.guilds[guildID] = g
		s.cache.mu.Unlock()
	}
	return g, nil
}
