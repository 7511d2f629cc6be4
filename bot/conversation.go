package bot

import (
	"container/list"
	"context"
	"slices"
	"sync"

	"github.com/bwmarrin/discordgo"

	"github.com/timelinebot/timelinebot/answer"
)

// conversation is what a message continues: the key a model answerer keeps its history under,
// and the previous answer, for follow-ups answered without a model.
type conversation struct {
	key  string
	prev answer.Answer
	ok   bool // prev is set
}

// memory remembers the last answers by the id of what asked (so that a reply to an answer finds
// it) and by channel (so that a thread or a DM continues), at most maxRemembered, the least
// recently used forgotten first. It is per replica: a reply another replica answered falls back
// to the event its buttons name.
type memory struct {
	mu    sync.Mutex
	max   int
	items map[string]*list.Element // of *memoryItem
	lru   list.List
}

type memoryItem struct {
	key string
	c   conversation
}

const maxRemembered = 10_000

func (m *memory) put(key string, c conversation) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.items == nil {
		m.items = map[string]*list.Element{}
	}
	if el, ok := m.items[key]; ok {
		el.Value.(*memoryItem).c = c
		m.lru.MoveToFront(el)
		return
	}
	m.items[key] = m.lru.PushFront(&memoryItem{key: key, c: c})
	for m.lru.Len() > m.max {
		old := m.lru.Remove(m.lru.Back()).(*memoryItem)
		delete(m.items, old.key)
	}
}

func (m *memory) get(key string) (conversation, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	el, ok := m.items[key]
	if !ok {
		return conversation{}, false
	}
	m.lru.MoveToFront(el)
	return el.Value.(*memoryItem).c, true
}

// remember keeps an answer under each of keys.
func (b *Bot) remember(c conversation, keys ...string) {
	c.ok = true
	for _, k := range keys {
		b.memory.put(k, c)
	}
}

func (b *Bot) recall(key string) (conversation, bool) { return b.memory.get(key) }

// channelInfo is what the bot needs to know of a channel: whether it is a thread, and of which
// channel.
type channelInfo struct {
	thread bool
	parent string
}

// channel looks a channel up through the REST session, once per channel (the bot keeps no gateway
// state). ok is false when Discord could not say.
func (b *Bot) channel(ctx context.Context, id string) (channelInfo, bool) {
	b.channelsMu.Lock()
	ci, ok := b.channels[id]
	b.channelsMu.Unlock()
	if ok {
		return ci, true
	}
	s := b.rest.Load()
	if s == nil {
		return channelInfo{}, false
	}
	ch, err := s.Channel(id, discordgo.WithContext(ctx))
	if err != nil {
		b.log.Warn("look up a channel", "channel", id, "err", err)
		return channelInfo{}, false
	}
	ci = channelInfo{thread: ch.IsThread(), parent: ch.ParentID}
	b.channelsMu.Lock()
	if len(b.channels) >= maxRemembered {
		clear(b.channels) // channels rarely change kind; forgetting them all costs one lookup each
	}
	b.channels[id] = ci
	b.channelsMu.Unlock()
	return ci, true
}

func (b *Bot) isThread(ctx context.Context, id string) bool {
	ci, _ := b.channel(ctx, id)
	return ci.thread
}

// allowedChannel applies ALLOWED_CHANNEL_IDS: every channel when it is empty, else those channels
// and their threads.
func (b *Bot) allowedChannel(ctx context.Context, id string) bool {
	allowed := b.opts.AllowedChannelIDs
	if len(allowed) == 0 || slices.Contains(allowed, id) {
		return true
	}
	ci, _ := b.channel(ctx, id)
	return ci.thread && slices.Contains(allowed, ci.parent)
}
