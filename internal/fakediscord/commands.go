package fakediscord

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
)

// commandScope checks the application (and guild) of a command route and
// returns the storage key ("" for global commands).
func (c *reqCtx) commandScope() (string, bool) {
	s := c.s
	if c.params[0] != s.opts.AppID {
		c.fail(http.StatusForbidden, 50001, "Missing Access", fmt.Sprintf("application id %s is not this bot's application (%s)", c.params[0], s.opts.AppID))
		return "", false
	}
	if len(c.params) >= 2 && len(c.route.segs) >= 4 && c.route.segs[2] == "guilds" {
		g := c.params[1]
		for _, known := range s.opts.GuildIDs {
			if known == g {
				return g, true
			}
		}
		c.fail(http.StatusForbidden, 50001, "Missing Access", fmt.Sprintf("guild %s is not one of the bot's guilds", g))
		return "", false
	}
	return "", true
}

func (c *reqCtx) commandID() string { return c.params[len(c.params)-1] }

// stripNulls removes null members recursively, as Discord's responses omit
// unset optional fields.
func stripNulls(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			if x != nil {
				out[k] = stripNulls(x)
			}
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = stripNulls(x)
		}
		return out
	}
	return v
}

// storedCommand builds the stored/served form of a command body.
func (s *Server) storedCommand(body map[string]any, guild, id string) map[string]any {
	m, _ := stripNulls(body).(map[string]any)
	if m == nil {
		m = map[string]any{}
	}
	if _, ok := m["type"]; !ok {
		m["type"] = 1
	}
	if _, ok := m["description"]; !ok {
		m["description"] = ""
	}
	if p, ok := m["default_member_permissions"]; ok {
		if f, isNum := p.(float64); isNum {
			m["default_member_permissions"] = strconv.FormatFloat(f, 'f', 0, 64)
		}
	} else {
		m["default_member_permissions"] = nil
	}
	if _, ok := m["nsfw"]; !ok {
		m["nsfw"] = false
	}
	if guild == "" {
		if _, ok := m["dm_permission"]; !ok {
			m["dm_permission"] = true
		}
		if _, ok := m["integration_types"]; !ok {
			m["integration_types"] = []any{0}
		}
		if _, ok := m["contexts"]; !ok {
			m["contexts"] = nil
		}
	} else {
		m["guild_id"] = guild
		delete(m, "dm_permission")
		delete(m, "contexts")
		delete(m, "integration_types")
	}
	delete(m, "id")
	m["id"] = id
	m["application_id"] = s.opts.AppID
	m["version"] = newSnowflake()
	return m
}

func commandKey(m map[string]any) string {
	t := 1
	if v, ok := num(m, "type"); ok {
		t = int(v)
	}
	n, _ := str(m, "name")
	return strconv.Itoa(t) + "/" + n
}

func commandOut(m map[string]any, withLocalizations bool) map[string]any {
	if withLocalizations {
		return m
	}
	out := map[string]any{}
	for k, v := range m {
		if k != "name_localizations" && k != "description_localizations" {
			out[k] = v
		}
	}
	return out
}

func (s *Server) handleGetCommands(c *reqCtx) {
	scope, ok := c.commandScope()
	if !ok || !c.checkOpenAPI() {
		return
	}
	withLoc := c.r.URL.Query().Get("with_localizations") == "true"
	s.mu.Lock()
	out := []any{}
	for _, m := range s.commands[scope] {
		out = append(out, commandOut(m, withLoc))
	}
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, out)
}

func (s *Server) handleBulkCommands(c *reqCtx) {
	scope, ok := c.commandScope()
	if !ok {
		return
	}
	fe := &formErrors{}
	list, isList := c.v.([]any)
	if !isList {
		fe.add(nil, "BASE_TYPE_ARRAY", "Must be an array of application commands.")
		c.check(fe)
		return
	}
	seen := map[string]bool{}
	counts := map[int]int{}
	for i, x := range list {
		m, ok := obj(x)
		if !ok {
			fe.add([]string{itoa(i)}, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
			continue
		}
		t, name := commandRules(fe, []string{itoa(i)}, m)
		counts[t]++
		k := commandKey(m)
		if seen[k] {
			fe.add([]string{itoa(i), "name"}, "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique (%q is used twice)", name)
		}
		seen[k] = true
	}
	if counts[1] > 100 {
		fe.add(nil, "BASE_TYPE_MAX_LENGTH", "At most 100 chat input commands.")
	}
	if counts[2] > 15 || counts[3] > 15 {
		fe.add(nil, "BASE_TYPE_MAX_LENGTH", "At most 15 user and 15 message commands.")
	}
	if !c.check(fe) {
		return
	}
	s.mu.Lock()
	old := map[string]string{}
	for _, m := range s.commands[scope] {
		old[commandKey(m)] = m["id"].(string)
	}
	stored := make([]map[string]any, 0, len(list))
	out := make([]any, 0, len(list))
	for _, x := range list {
		m := x.(map[string]any)
		id, ok := old[commandKey(m)]
		if !ok {
			id = newSnowflake()
		}
		sc := s.storedCommand(m, scope, id)
		stored = append(stored, sc)
		out = append(out, sc)
	}
	s.commands[scope] = stored
	// waiters are woken once the response is flushed (serveHTTP)
	s.mu.Unlock()
	writeJSON(c.w, http.StatusOK, out)
}

func (s *Server) handleCreateCommand(c *reqCtx) {
	scope, ok := c.commandScope()
	if !ok {
		return
	}
	fe := &formErrors{}
	m := c.obj()
	if m == nil {
		fe.add(nil, "DICT_TYPE_CONVERT", "Only dictionaries may be used in a DictType")
		c.check(fe)
		return
	}
	commandRules(fe, nil, m)
	if !c.check(fe) {
		return
	}
	s.mu.Lock()
	status := http.StatusCreated
	id := newSnowflake()
	idx := -1
	for i, old := range s.commands[scope] {
		if commandKey(old) == commandKey(m) {
			id, idx, status = old["id"].(string), i, http.StatusOK
		}
	}
	sc := s.storedCommand(m, scope, id)
	if idx >= 0 {
		s.commands[scope][idx] = sc
	} else {
		s.commands[scope] = append(s.commands[scope], sc)
	}
	// waiters are woken once the response is flushed (serveHTTP)
	s.mu.Unlock()
	writeJSON(c.w, status, sc)
}

func (s *Server) findCommandLocked(scope, id string) int {
	for i, m := range s.commands[scope] {
		if m["id"] == id {
			return i
		}
	}
	return -1
}

func (s *Server) handleGetCommand(c *reqCtx) {
	scope, ok := c.commandScope()
	if !ok || !c.checkOpenAPI() {
		return
	}
	s.mu.Lock()
	i := s.findCommandLocked(scope, c.commandID())
	var out map[string]any
	if i >= 0 {
		out = s.commands[scope][i]
	}
	s.mu.Unlock()
	if out == nil {
		c.fail(http.StatusNotFound, 10063, "Unknown application command", "")
		return
	}
	writeJSON(c.w, http.StatusOK, out)
}

func (s *Server) handleEditCommand(c *reqCtx) {
	scope, ok := c.commandScope()
	if !ok {
		return
	}
	m := c.obj()
	s.mu.Lock()
	i := s.findCommandLocked(scope, c.commandID())
	var merged map[string]any
	if i >= 0 {
		b, _ := json.Marshal(s.commands[scope][i])
		_ = json.Unmarshal(b, &merged)
		for k, v := range m {
			merged[k] = v
		}
	}
	s.mu.Unlock()
	if merged == nil {
		c.fail(http.StatusNotFound, 10063, "Unknown application command", "editing a command that does not exist")
		return
	}
	fe := &formErrors{}
	commandRules(fe, nil, merged)
	if !c.check(fe) {
		return
	}
	s.mu.Lock()
	i = s.findCommandLocked(scope, c.commandID())
	var sc map[string]any
	if i >= 0 {
		sc = s.storedCommand(merged, scope, c.commandID())
		s.commands[scope][i] = sc
		// waiters are woken once the response is flushed (serveHTTP)
	}
	s.mu.Unlock()
	if sc == nil {
		c.fail(http.StatusNotFound, 10063, "Unknown application command", "")
		return
	}
	writeJSON(c.w, http.StatusOK, sc)
}

func (s *Server) handleDeleteCommand(c *reqCtx) {
	scope, ok := c.commandScope()
	if !ok || !c.checkOpenAPI() {
		return
	}
	s.mu.Lock()
	i := s.findCommandLocked(scope, c.commandID())
	if i >= 0 {
		s.commands[scope] = append(s.commands[scope][:i], s.commands[scope][i+1:]...)
		// waiters are woken once the response is flushed (serveHTTP)
	}
	s.mu.Unlock()
	if i < 0 {
		c.fail(http.StatusNotFound, 10063, "Unknown application command", "deleting a command that does not exist")
		return
	}
	c.w.WriteHeader(http.StatusNoContent)
}

// lookupCommandLocked finds a registered command by type and name for an
// interaction in guild (guild commands first, then global); s.mu held.
func (s *Server) lookupCommandLocked(guild, name string, typ int) map[string]any {
	key := strconv.Itoa(typ) + "/" + name
	if guild != "" {
		for _, m := range s.commands[guild] {
			if commandKey(m) == key {
				return m
			}
		}
	}
	for _, m := range s.commands[""] {
		if commandKey(m) == key {
			return m
		}
	}
	return nil
}
