package index

import (
	"container/list"
	"sync"
)

// resultCache keeps recent answers: people in one server ask the same
// questions (autocomplete hands out identical ones), and "More results"
// asks again for the next page. The engine is immutable, so an entry never
// goes stale; Results are shared and must be treated as read-only.
type resultCache struct {
	mu    sync.Mutex
	max   int
	ll    *list.List
	items map[cacheKey]*list.Element
}

type cacheKey struct {
	question, lang string
	limit, offset  int
}

type cacheEntry struct {
	key cacheKey
	res *Result
}

func newResultCache(max int) *resultCache {
	if max <= 0 {
		return nil
	}
	return &resultCache{max: max, ll: list.New(), items: make(map[cacheKey]*list.Element)}
}

func (c *resultCache) get(k cacheKey) (*Result, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.ll.MoveToFront(el)
		return el.Value.(*cacheEntry).res, true
	}
	return nil, false
}

func (c *resultCache) put(k cacheKey, r *Result) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.items[k]; ok {
		c.ll.MoveToFront(el)
		el.Value.(*cacheEntry).res = r
		return
	}
	c.items[k] = c.ll.PushFront(&cacheEntry{k, r})
	if c.ll.Len() > c.max {
		old := c.ll.Back()
		c.ll.Remove(old)
		delete(c.items, old.Value.(*cacheEntry).key)
	}
}
