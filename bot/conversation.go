package bot

import (
	"context"
	"slices"

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

// The bot remembers its last answers by the id of what asked (for replies) and by channel (for
// threads and DMs), and what it looked up of channels, in LRU caches of maxRemembered entries, per
// replica: a reply another replica answered falls back to the event its buttons name.
const maxRemembered = 10_000

// remember keeps an answer under each of keys.
func (b *Bot) remember(c conversation, keys ...string) {
	c.ok = true
	for _, k := range keys {
		b.memory.Add(k, c)
	}
}

// channelInfo is what the bot needs to know of a channel: whether it is a thread, and of which
// channel.
type channelInfo struct {
	thread bool
	parent string
}

// channel looks a channel up through the REST session, once per channel (the bot keeps no gateway
// state); the zero channelInfo when Discord could not say.
func (b *Bot) channel(ctx context.Context, id string) channelInfo {
	if ci, ok := b.channels.Get(id); ok {
		return ci
	}
	s := b.rest.Load()
	if s == nil {
		return channelInfo{}
	}
	ch, err := s.Channel(id, discordgo.WithContext(ctx))
	if err != nil {
		b.log.Warn("look up a channel", "channel", id, "err", err)
		return channelInfo{}
	}
	ci := channelInfo{thread: ch.IsThread(), parent: ch.ParentID}
	b.channels.Add(id, ci)
	return ci
}

// allowedChannel applies ALLOWED_CHANNEL_IDS: every channel when it is empty, else those channels
// and their threads.
func (b *Bot) allowedChannel(ctx context.Context, id string) bool {
	allowed := b.opts.AllowedChannelIDs
	if len(allowed) == 0 || slices.Contains(allowed, id) {
		return true
	}
	ci := b.channel(ctx, id)
	return ci.thread && slices.Contains(allowed, ci.parent)
}
