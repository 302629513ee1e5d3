package bot

import "sync"

// gate counts work in flight and lets shutdown wait for it. Unlike a
// sync.WaitGroup it can refuse new work once closing: with a WaitGroup, an
// interaction checked "not closing" just before Shutdown, then counted
// (Add) while Shutdown was already in Wait, which is a data race and lets
// work start after the wait has ended.
type gate struct {
	mu      sync.Mutex
	n       int
	closing bool
	idle    chan struct{} // closed when closing and n reaches 0
}

// enter counts one piece of work, or reports false when closing.
func (g *gate) enter() bool {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closing {
		return false
	}
	g.n++
	return true
}

// leave ends one piece of work that enter counted.
func (g *gate) leave() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.n--
	if g.n == 0 && g.idle != nil {
		close(g.idle)
		g.idle = nil
	}
}

// close refuses new work and returns a channel closed once the work in
// flight has left.
func (g *gate) close() <-chan struct{} {
	g.mu.Lock()
	defer g.mu.Unlock()
	ch := make(chan struct{})
	g.closing = true
	if g.n == 0 {
		close(ch)
	} else if g.idle == nil {
		g.idle = ch
	} else {
		ch = g.idle
	}
	return ch
}
