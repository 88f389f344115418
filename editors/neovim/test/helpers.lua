-- Shared checks for test_011.lua and test_setup.lua.
-- Run the tests with: nvim --headless --clean -u editors/neovim/test/test_X.lua
-- (or editors/neovim/test/run.sh, which runs both).

local H = {}

local script = debug.getinfo(1, 'S').source:sub(2)
H.test_dir = vim.fn.fnamemodify(script, ':p:h')
H.nvim_dir = vim.fn.fnamemodify(H.test_dir, ':h')
H.repo = vim.fn.fnamemodify(H.nvim_dir, ':h:h')
H.server = os.getenv('ONEONONE_LS') or (H.repo .. '/target/release/oneonone-ls')
H.timeout = tonumber(os.getenv('ONEONONE_TEST_TIMEOUT_MS') or '') or 15000
H.name = 'test'
H.passed, H.failed = 0, 0

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end
H.out = out

function H.check(what, ok, detail)
  if ok then
    H.passed = H.passed + 1
    out('  ok    ' .. what)
  else
    H.failed = H.failed + 1
    out('  FAIL  ' .. what .. (detail and ('\n          ' .. tostring(detail)) or ''))
  end
  return ok
end

--- Put our plugin folder first on the runtimepath, then turn filetype
--- detection on (which also sources ftdetect/oneonone.lua from it).
function H.load_plugin()
  vim.opt.runtimepath:prepend(H.nvim_dir)
  vim.cmd('filetype on')
  -- What Neovim does with plugin/ once the init file has run (the tests run inside it).
  vim.cmd('runtime! plugin/oneonone.lua')
end

--- Fresh temp workspace: a .oneonone.toml at its root (so it is the root),
--- and in agendas/ a copy of examples/weak.1on1.md plus a plain notes.md
--- that would trip the coach if it were analysed.
function H.make_workspace()
  local dir = vim.fn.resolve(vim.fn.tempname())
  vim.fn.mkdir(dir .. '/agendas', 'p')
  vim.fn.writefile({ '# oneonone-ls settings for this folder: defaults' }, dir .. '/.oneonone.toml')
  local weak = vim.fn.readfile(H.repo .. '/examples/weak.1on1.md')
  vim.fn.writefile(weak, dir .. '/agendas/weak.1on1.md')
  vim.fn.writefile(
    { '# Notes', '', "We're still working on it.", '', 'Let me know what you think.' },
    dir .. '/agendas/notes.md'
  )
  H.workspace = dir
  H.agenda = dir .. '/agendas/weak.1on1.md'
  return dir
end

function H.oneonone_clients(buf)
  return vim.lsp.get_clients({ bufnr = buf, name = 'oneonone_ls' })
end

function H.wait_client(buf)
  local client
  vim.wait(H.timeout, function()
    client = H.oneonone_clients(buf)[1]
    return client ~= nil and client.initialized == true
  end, 20)
  return client
end

function H.diags(buf)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.source == 'oneonone' then
      table.insert(list, d)
    end
  end
  return list
end

function H.codes(buf)
  local set = {}
  for _, d in ipairs(H.diags(buf)) do
    set[tostring(d.code)] = (set[tostring(d.code)] or 0) + 1
  end
  return set
end

local function keys(set)
  local k = vim.tbl_keys(set)
  table.sort(k)
  return table.concat(k, ', ')
end
H.keys = keys

local function find_line(buf, text, prefix)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(buf, 0, -1, false)) do
    if line == text or (prefix and vim.startswith(line, text)) then
      return i - 1
    end
  end
end
H.find_line = find_line

local function cmdline(pid)
  local f = io.open('/proc/' .. pid .. '/cmdline', 'rb')
  if not f then
    return {}
  end
  local raw = f:read('*a') or ''
  f:close()
  return vim.split(raw, '\0', { plain = true, trimempty = true })
end

--- The server process: the child of this Neovim running the server binary
--- (Neovim does not expose the pid itself). Matches the process name or any
--- argument naming the binary, so a script standing in for it counts too.
function H.server_pid()
  local want = vim.fn.fnamemodify(H.server, ':t')
  for _, pid in ipairs(vim.api.nvim_get_proc_children(vim.fn.getpid())) do
    local info = vim.api.nvim_get_proc(pid)
    if info and info.name == want:sub(1, 15) then
      return pid
    end
    for _, arg in ipairs(cmdline(pid)) do
      if arg == H.server or vim.fn.fnamemodify(arg, ':t') == want then
        return pid
      end
    end
  end
end

function H.alive(pid)
  local stat = io.open('/proc/' .. pid .. '/stat', 'r')
  if not stat then
    return false
  end
  local line = stat:read('*l') or ''
  stat:close()
  local state = line:match('%) (%a)')
  return state ~= 'Z' and state ~= 'X'
end

function H.record_pid(pid)
  local file = os.getenv('ONEONONE_PID_FILE')
  if file and pid then
    local f = assert(io.open(file, 'a'))
    f:write(pid .. '\n')
    f:close()
  end
end

--- The checks both setups share, on an open weak.1on1.md buffer.
--- expect.present: codes that must be reported; expect.absent: codes that
--- must not be (turned off by settings).
function H.run_agenda_checks(buf, expect)
  H.check('agenda buffer has filetype markdown', vim.bo[buf].filetype == 'markdown', vim.bo[buf].filetype)

  local client = H.wait_client(buf)
  if not H.check('oneonone_ls attached to weak.1on1.md', client ~= nil) then
    return nil
  end
  H.check(
    'client root_dir is the folder holding .oneonone.toml',
    client.config.root_dir == H.workspace or client.root_dir == H.workspace,
    tostring(client.root_dir)
  )

  local pid = H.server_pid()
  H.check('server process found as a child of nvim', pid ~= nil)
  H.record_pid(pid)

  -- Diagnostics ------------------------------------------------------------
  local got = vim.wait(H.timeout, function()
    local codes = H.codes(buf)
    for _, c in ipairs(expect.present) do
      if not codes[c] then
        return false
      end
    end
    return true
  end, 50)
  local codes = H.codes(buf)
  H.check(
    'diagnostics from source "oneonone": ' .. table.concat(expect.present, ', '),
    got,
    'got: [' .. keys(codes) .. ']'
  )
  for _, c in ipairs(expect.absent or {}) do
    H.check('rule turned off by settings is not reported: ' .. c, got and not codes[c], 'got: [' .. keys(codes) .. ']')
  end

  local handoff_line = find_line(buf, 'Let me know what you think.')
  local vague_line = find_line(buf, "We're still working on", true)
  local on_handoff, on_vague
  for _, d in ipairs(H.diags(buf)) do
    if d.code == 'handoff-closing' then
      on_handoff = d
    elseif d.code == 'vague-opening' then
      on_vague = d
    end
  end
  H.check(
    'handoff-closing sits on the "Let me know what you think." line',
    on_handoff and on_handoff.lnum == handoff_line,
    on_handoff and ('line ' .. on_handoff.lnum .. ', want ' .. tostring(handoff_line)) or 'missing'
  )
  H.check(
    'handoff-closing is a warning',
    on_handoff and on_handoff.severity == vim.diagnostic.severity.WARN,
    on_handoff and on_handoff.severity
  )
  H.check(
    'vague-opening sits on the opening line',
    on_vague and on_vague.lnum == vague_line,
    on_vague and ('line ' .. on_vague.lnum .. ', want ' .. tostring(vague_line)) or 'missing'
  )

  -- Completion on an empty line ---------------------------------------------
  local empty_line = 1
  H.check('line 2 of the example is empty', vim.api.nvim_buf_get_lines(buf, 1, 2, false)[1] == '')
  local uri = vim.uri_from_bufnr(buf)
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
    textDocument = { uri = uri },
    position = { line = empty_line, character = 0 },
    context = { triggerKind = 1 },
  }, H.timeout)
  local items = {}
  for _, r in pairs(res or {}) do
    if r.result then
      for _, item in ipairs(r.result.items or r.result) do
        table.insert(items, item)
      end
    end
  end
  local by_label = {}
  for _, item in ipairs(items) do
    by_label[item.label] = item
  end
  for _, label in ipairs({ 'Outcome part', 'Insight part', 'Leadership move part', 'Pre-read part', 'Whole agenda' }) do
    local item = by_label[label]
    H.check(
      'completion on an empty line offers "' .. label .. '" as a snippet',
      item ~= nil and item.insertTextFormat == 2,
      item and ('insertTextFormat=' .. tostring(item.insertTextFormat)) or ('labels: ' .. keys(by_label))
    )
  end

  -- Quickfix on the handoff line ------------------------------------------
  local before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local lsp_diags = {}
  for _, d in ipairs(H.diags(buf)) do
    if d.lnum == handoff_line and d.user_data and d.user_data.lsp then
      table.insert(lsp_diags, d.user_data.lsp)
    end
  end
  local line_text = before[handoff_line + 1] or ''
  local ca = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', {
    textDocument = { uri = uri },
    range = {
      start = { line = handoff_line, character = 0 },
      ['end'] = { line = handoff_line, character = #line_text },
    },
    context = { diagnostics = lsp_diags, only = { 'quickfix' } },
  }, H.timeout)
  local action, titles = nil, {}
  for _, r in pairs(ca or {}) do
    for _, a in ipairs(r.result or {}) do
      table.insert(titles, a.title)
      if not action and a.title:match('My recommendation is') and (a.kind or ''):match('^quickfix') then
        action = a
      end
    end
  end
  if
    not H.check(
      'quickfix "Replace with \\"My recommendation is …\\"" offered',
      action ~= nil,
      'titles: ' .. table.concat(titles, ' | ')
    )
  then
    return client
  end
  if not action.edit and action.data and client.supports_method and client:supports_method('codeAction/resolve') then
    local resolved = client:request_sync('codeAction/resolve', action, H.timeout, buf)
    if resolved and resolved.result then
      action = resolved.result
    end
  end
  H.check('quickfix carries a workspace edit', action.edit ~= nil, vim.inspect(action))
  if action.edit then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
  end
  local after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local new_line = after[handoff_line + 1] or ''
  -- The starter, left open for the user to finish: either bare or with an
  -- ellipsis placeholder (which the unfinished-starter rule then flags).
  local placeholder = new_line == 'My recommendation is …'
  H.check(
    'the handoff sentence became the open starter "My recommendation is …"',
    new_line == 'My recommendation is ' or placeholder,
    string.format('line %d is now %q', handoff_line + 1, new_line)
  )
  local others_same = #after == #before
  for i = 1, math.min(#before, #after) do
    if i ~= handoff_line + 1 and before[i] ~= after[i] then
      others_same = false
    end
  end
  H.check('no other line changed', others_same, table.concat(after, '\\n'))

  local gone = vim.wait(H.timeout, function()
    local c = H.codes(buf)
    return not c['handoff-closing'] and c['vague-opening'] ~= nil
  end, 50)
  H.check(
    'after the edit handoff-closing is gone (vague-opening still reported)',
    gone,
    'got: [' .. keys(H.codes(buf)) .. ']'
  )
  H.check(
    'after the edit missing-ask is gone (the agenda now has a move)',
    gone and not H.codes(buf)['missing-ask'],
    'got: [' .. keys(H.codes(buf)) .. ']'
  )
  if placeholder then
    local flagged = false
    for _, d in ipairs(H.diags(buf)) do
      if d.code == 'unfinished-starter' and d.lnum == handoff_line then
        flagged = true
      end
    end
    H.check('the "…" placeholder is flagged unfinished-starter', flagged, 'got: [' .. keys(H.codes(buf)) .. ']')
  end
  return client, pid
end

--- A running doc, newest entry first, whose current entry has a pre-read.
H.running_doc = {
  '# Dana / Lin 1:1s',
  '',
  '## Parking lot',
  '- Offsite dates',
  '',
  '## 2025-01-13',
  '',
  '### The outcome',
  'Close the books in four days by February.',
  '',
  '### The leadership move',
  'My recommendation is to buy the reconciliation connector.',
  '',
  '### Pre-read',
  '- Shipped the café menu — 80% of sites',
  '- Finished the field cleanup',
  '',
  '## 2025-01-06',
  '',
  '### The outcome',
  'Hire the CS lead.',
}

local function lines_of(buf)
  return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

--- The pre-read email (:OneononePreread and the code action "Draft the
--- pre-read email") and "Start the next entry", on a running doc.
function H.check_preread_and_next_entry()
  local path = H.workspace .. '/agendas/dana.1on1.md'
  vim.fn.writefile(H.running_doc, path)
  vim.cmd.edit(vim.fn.fnameescape(path))
  local buf = vim.api.nvim_get_current_buf()
  if not H.check('oneonone_ls attached to the running doc', H.wait_client(buf) ~= nil) then
    return
  end
  local expected = vim.fn.systemlist({ H.server, 'preread', path })
  H.check(
    'oneonone-ls preread prints the current entry\'s email',
    vim.v.shell_error == 0 and expected[1] == 'Subject: Pre-read for our 1:1 on Mon 13 Jan',
    vim.inspect(expected)
  )
  local oneonone = require('oneonone')
  local function email_shown()
    local b = oneonone.email_buf
    return b ~= nil and vim.api.nvim_buf_is_valid(b) and vim.fn.bufwinid(b) ~= -1 and vim.deep_equal(lines_of(b), expected)
  end
  local function close_email()
    local b = oneonone.email_buf
    if b and vim.fn.bufwinid(b) ~= -1 then
      vim.api.nvim_win_close(vim.fn.bufwinid(b), true)
    end
    if b and vim.api.nvim_buf_is_valid(b) then
      vim.api.nvim_buf_set_lines(b, 0, -1, false, {})
    end
    vim.api.nvim_set_current_buf(buf)
  end

  vim.cmd('OneononePreread')
  local shown = vim.wait(H.timeout, email_shown, 20)
  local ebuf = oneonone.email_buf
  H.check(
    ':OneononePreread opens the email in a scratch buffer, as the CLI prints it',
    shown and vim.bo[ebuf].buftype == 'nofile' and vim.bo[ebuf].filetype == 'mail',
    ebuf and vim.inspect(lines_of(ebuf)) or 'no buffer'
  )
  local mailto = ebuf and vim.b[ebuf].oneonone_mailto or ''
  H.check(
    'b:oneonone_mailto holds the mailto: URL, UTF-8 and line breaks encoded',
    vim.startswith(mailto, 'mailto:?subject=Pre-read%20for%20our%201%3A1%20on%20Mon%2013%20Jan&body=')
      and mailto:find('caf%C3%A9%20menu%20%E2%80%94%2080%25', 1, true) ~= nil
      and mailto:find('%0D%0A', 1, true) ~= nil,
    mailto
  )
  close_email()

  local item = H.find_line(buf, '- Shipped the café', true)
  vim.api.nvim_win_set_cursor(0, { item + 1, 2 })
  vim.lsp.buf.code_action({
    filter = function(a)
      return a.title == 'Draft the pre-read email'
    end,
    apply = true,
  })
  H.check('the code action "Draft the pre-read email" opens the same email', vim.wait(H.timeout, email_shown, 20))
  close_email()

  -- Nothing to send: the reason, not an empty buffer.
  local notes, notify = {}, vim.notify
  vim.notify = function(msg)
    table.insert(notes, msg)
  end
  vim.cmd.edit(vim.fn.fnameescape(H.agenda))
  vim.cmd('OneononePreread')
  vim.wait(H.timeout, function()
    return #notes > 0
  end, 20)
  vim.notify = notify
  H.check(
    'without a pre-read, :OneononePreread says why',
    notes[1] ~= nil and notes[1]:find('Nothing to send yet: there is no pre-read part', 1, true) ~= nil,
    vim.inspect(notes)
  )
  H.check('and opens no email', vim.fn.bufwinid(oneonone.email_buf or -1) == -1)

  -- "Start the next entry": today's entry (the server's today is the UTC date),
  -- in the file's ISO style, on top of the newest entry; nothing else changes.
  vim.api.nvim_set_current_buf(buf)
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  local today = '## ' .. os.date('!%Y-%m-%d')
  vim.lsp.buf.code_action({
    filter = function(a)
      return a.title == 'Start the next entry'
    end,
    apply = true,
  })
  vim.wait(H.timeout, function()
    return H.find_line(buf, today) ~= nil
  end, 20)
  local after = lines_of(buf)
  local at, newest = H.find_line(buf, today), H.find_line(buf, '## 2025-01-13')
  H.check(
    '"Start the next entry" adds "' .. today .. '" above the newest entry',
    at ~= nil and newest ~= nil and at > H.find_line(buf, '- Offsite dates') and at < newest,
    table.concat(after, '\n')
  )
  if at and newest and at < newest then
    local inserted = vim.list_slice(after, at + 1, newest)
    local rest = vim.list_slice(after, 1, at)
    vim.list_extend(rest, vim.list_slice(after, newest + 1))
    H.check(
      'the new entry holds the three parts, and nothing else changed',
      vim.tbl_contains(inserted, '### The outcome') and vim.deep_equal(rest, H.running_doc),
      table.concat(inserted, '\n')
    )
  end
end

--- A plain Markdown file gets no client.
function H.check_plain_markdown()
  vim.cmd.edit(vim.fn.fnameescape(H.workspace .. '/agendas/notes.md'))
  local buf = vim.api.nvim_get_current_buf()
  H.check('notes.md has filetype markdown', vim.bo[buf].filetype == 'markdown', vim.bo[buf].filetype)
  local attached = vim.wait(1500, function()
    return #H.oneonone_clients(buf) > 0
  end, 50)
  H.check('no oneonone_ls client attached to notes.md', not attached)
  H.check('notes.md has no oneonone diagnostics', #H.diags(buf) == 0)
  H.check(
    'still a single oneonone_ls client overall',
    #vim.lsp.get_clients({ name = 'oneonone_ls' }) == 1,
    #vim.lsp.get_clients({ name = 'oneonone_ls' })
  )
end

--- Stop the client the polite way (shutdown + exit) and check the server
--- process is gone soon after, while Neovim still runs.
function H.check_stop(client, pid)
  if not client then
    return
  end
  local start = vim.uv.hrtime()
  client:stop()
  local gone = vim.wait(3000, function()
    return client:is_stopped() and (pid == nil or not H.alive(pid))
  end, 20)
  H.check(
    'server exits after shutdown/exit from Neovim',
    gone,
    string.format('still alive after %d ms', (vim.uv.hrtime() - start) / 1e6)
  )
end

local function frame(msg)
  local body = vim.json.encode(msg)
  return 'Content-Length: ' .. #body .. '\r\n\r\n' .. body
end

--- Drive the server directly: initialize, shutdown, exit, and keep stdin
--- open. The server must still exit (code 0) within 2 s.
function H.check_exit_with_stdin_open()
  local exited, code = false, nil
  local stdout = {}
  local ok, proc = pcall(vim.system, { H.server }, {
    stdin = true,
    stdout = function(_, data)
      if data then
        table.insert(stdout, data)
      end
    end,
    stderr = function() end,
  }, function(r)
    exited, code = true, r.code
  end)
  if not H.check('server starts for the stdin test', ok, proc) then
    return
  end
  local function has(pattern)
    return table.concat(stdout):find(pattern) ~= nil
  end
  proc:write(frame({
    jsonrpc = '2.0',
    id = 1,
    method = 'initialize',
    params = { processId = vim.NIL, rootUri = vim.NIL, capabilities = vim.empty_dict() },
  }))
  local inited = vim.wait(H.timeout, function()
    return has('"id":%s*1[,}]')
  end, 20)
  H.check('server answers initialize', inited, table.concat(stdout))
  proc:write(frame({ jsonrpc = '2.0', method = 'initialized', params = vim.empty_dict() }))
  proc:write(frame({ jsonrpc = '2.0', id = 2, method = 'shutdown' }))
  local shut = vim.wait(H.timeout, function()
    return has('"id":%s*2[,}]')
  end, 20)
  H.check('server answers shutdown', shut, table.concat(stdout))
  if
    not H.check(
      'server still running after shutdown (waits for "exit")',
      not exited,
      'it exited early with code ' .. tostring(code)
    )
  then
    return
  end
  local start = vim.uv.hrtime()
  proc:write(frame({ jsonrpc = '2.0', method = 'exit' }))
  -- stdin deliberately stays open here.
  vim.wait(2000, function()
    return exited
  end, 10)
  local ms = (vim.uv.hrtime() - start) / 1e6
  H.check(
    'server exits on "exit" within 2 s while stdin stays open',
    exited,
    string.format('still running after %d ms', ms)
  )
  if exited then
    H.check('exit code after shutdown+exit is 0', code == 0, 'code ' .. tostring(code))
  else
    proc:kill('sigkill')
  end
end

--- Print the summary line and leave Neovim with the right status.
function H.finish()
  out(string.format('%s: %d passed, %d failed', H.name, H.passed, H.failed))
  if H.failed > 0 then
    vim.cmd('cquit 1')
  else
    vim.cmd('qall!')
  end
end

--- Run `body` and always exit: a Lua error counts as a failure.
function H.main(name, body)
  H.name = name
  out(name .. ' (Neovim ' .. tostring(vim.version()) .. ', server ' .. H.server .. ')')
  if vim.fn.executable(H.server) ~= 1 then
    H.check('server binary is executable', false, H.server .. ' (run cargo build --release)')
    return H.finish()
  end
  local ok, err = xpcall(body, debug.traceback)
  if not ok then
    H.check('test script ran without a Lua error', false, err)
  end
  H.finish()
end

return H
