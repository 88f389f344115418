-- oneonone-ls for Neovim 0.8 - 0.10 (also works on 0.11+).
--
--   require('oneonone').setup({
--     cmd = { 'oneonone-ls' },                -- optional
--     settings = {                            -- optional, same shape as .oneonone.toml
--       rules = { ['status-dump'] = 'hint' },
--       thresholds = { ['status-dump-items'] = 7 },
--     },
--     on_attach = function(client, bufnr) end, -- optional
--     capabilities = nil,                      -- optional
--   })
--
-- On Neovim 0.11+ prefer `vim.lsp.enable('oneonone_ls')` (see lsp/oneonone_ls.lua).
--
-- :OneononePreread (plugin/oneonone.lua) opens the pre-read email of the
-- agenda in a scratch buffer; so does the code action "Draft the pre-read email".
--
-- The readiness lenses are refreshed by the plugin on its own (M.auto_lens);
-- `settings = { readiness = { lens = false } }` turns them off.

local M = {}

M.name = 'oneonone_ls'
M.root_markers = { '.oneonone.toml', '.git' }

local defaults = {
  cmd = { 'oneonone-ls' },
  settings = nil,
  init_options = nil,
  on_attach = nil,
  capabilities = nil,
  root_markers = M.root_markers,
}

M.options = vim.deepcopy(defaults)

--- True when the buffer holds an agenda (`*.1on1.md`).
function M.is_agenda(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr or 0)
  return name:match('%.1on1%.md$') ~= nil
end

--- The workspace root for an agenda: the nearest folder holding a root
--- marker, or the agenda's own folder.
function M.root_dir(bufnr)
  local name = vim.api.nvim_buf_get_name(bufnr or 0)
  local dir = vim.fs.dirname(name)
  local found = vim.fs.find(M.options.root_markers, { upward = true, path = dir })[1]
  if found then
    return vim.fs.dirname(found)
  end
  return dir
end

-- An empty Lua table encodes as a JSON array; the server wants an object.
local function as_object(t)
  if t == nil or next(t) == nil then
    return vim.empty_dict()
  end
  return t
end

--- The client config handed to vim.lsp.start for one agenda buffer.
function M.client_config(bufnr)
  local o = M.options
  local section = as_object(o.settings)
  return {
    name = M.name,
    cmd = o.cmd,
    root_dir = M.root_dir(bufnr),
    -- initializationOptions carry the settings ({rules=..., thresholds=...}).
    init_options = o.init_options or section,
    -- workspace/configuration for section "oneonone" is answered from here
    -- by Neovim's built-in handler.
    settings = { oneonone = section },
    capabilities = o.capabilities,
    on_attach = o.on_attach,
  }
end

--- Start (or reuse) the server for `bufnr` if it is an agenda.
function M.start(bufnr)
  bufnr = bufnr or vim.api.nvim_get_current_buf()
  if not vim.api.nvim_buf_is_valid(bufnr) or not M.is_agenda(bufnr) then
    return nil
  end
  local config = M.client_config(bufnr)
  local client_id
  -- vim.lsp.start attaches the current buffer on 0.8/0.9 (its `bufnr`
  -- option arrived later), so run it with `bufnr` current.
  vim.api.nvim_buf_call(bufnr, function()
    client_id = vim.lsp.start(config)
  end)
  return client_id
end

local function clients(bufnr)
  local get = vim.lsp.get_clients or vim.lsp.get_active_clients
  return get({ bufnr = bufnr, name = M.name })
end

--- Shows `email` ({ subject, body, text, mailto }) in the scratch buffer
--- `[1:1 pre-read]` (reused), in a split; `b:oneonone_mailto` holds its
--- mailto: URL. Returns the buffer.
function M.show_email(email)
  local buf = M.email_buf
  if not (buf and vim.api.nvim_buf_is_valid(buf)) then
    buf = vim.api.nvim_create_buf(false, true)
    pcall(vim.api.nvim_buf_set_name, buf, '[1:1 pre-read]')
    M.email_buf = buf
  end
  vim.bo[buf].buftype = 'nofile'
  vim.bo[buf].bufhidden = 'hide'
  vim.bo[buf].swapfile = false
  local lines = vim.split(email.text, '\n', { plain = true })
  if lines[#lines] == '' then
    table.remove(lines)
  end
  vim.bo[buf].modifiable = true
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
  vim.bo[buf].filetype = 'mail'
  vim.b[buf].oneonone_mailto = email.mailto
  local win = vim.fn.bufwinid(buf)
  if win == -1 then
    vim.cmd('split')
    vim.api.nvim_win_set_buf(0, buf)
  else
    vim.api.nvim_set_current_win(win)
  end
  return buf
end

--- Asks the server for the pre-read email of agenda `bufnr` and shows it
--- (or says why there is none).
function M.preread(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = clients(bufnr)[1]
  if not client then
    vim.notify('1:1: no oneonone-ls client for this buffer: open an agenda (*.1on1.md)', vim.log.levels.WARN)
    return
  end
  local params = { command = 'oneonone.preread', arguments = { vim.uri_from_bufnr(bufnr) } }
  local function handler(err, result)
    if err then
      vim.notify('1:1: ' .. (err.message or tostring(err)), vim.log.levels.WARN)
    elseif type(result) == 'table' and type(result.text) == 'string' then
      M.show_email(result)
    end
  end
  if vim.fn.has('nvim-0.11') == 1 then
    client:request('workspace/executeCommand', params, handler, bufnr)
  else
    client.request('workspace/executeCommand', params, handler, bufnr)
  end
end

--- Whether the readiness lenses are on for `client`: the `readiness.lens`
--- setting of its `oneonone` section (as the server reads it), on unless
--- false. Read at each refresh, so a settings change applies at once.
function M.lens_enabled(client)
  local settings = client.settings or (client.config and client.config.settings) or {}
  local readiness = type(settings.oneonone) == 'table' and settings.oneonone.readiness
  return not (type(readiness) == 'table' and readiness.lens == false)
end

-- Per buffer: the pending refresh's number, so that only the last of a burst runs.
local pending = {}

--- Asks for the code lenses of `bufnr` again, `delay` ms after the last call
--- (0: at once); Neovim draws them when they arrive. Nothing when the
--- buffer is gone, has no oneonone-ls client, or its lens is turned off.
function M.refresh_lenses(bufnr, delay)
  local n = (pending[bufnr] or 0) + 1
  pending[bufnr] = n
  vim.defer_fn(function()
    if pending[bufnr] ~= n or not vim.api.nvim_buf_is_valid(bufnr) then
      return
    end
    pending[bufnr] = nil
    local client = clients(bufnr)[1]
    if not (client and M.lens_enabled(client)) then
      return
    end
    if vim.fn.has('nvim-0.10') == 1 then
      vim.lsp.codelens.refresh({ bufnr = bufnr })
    else -- 0.8/0.9: refresh() takes the current buffer
      vim.api.nvim_buf_call(bufnr, function()
        vim.lsp.codelens.refresh()
      end)
    end
  end, delay or 0)
end

--- Keeps the readiness lenses of agenda `bufnr` drawn: now, and on
--- BufEnter, InsertLeave and whenever its diagnostics change (a new analysis),
--- debounced. Called from the LspAttach autocommand in plugin/oneonone.lua.
function M.auto_lens(bufnr)
  local group = vim.api.nvim_create_augroup('oneonone_lens_' .. bufnr, { clear = true })
  vim.api.nvim_create_autocmd({ 'BufEnter', 'InsertLeave', 'DiagnosticChanged' }, {
    group = group,
    buffer = bufnr,
    callback = function(args)
      M.refresh_lenses(args.buf, 150)
    end,
  })
  vim.api.nvim_create_autocmd('LspDetach', {
    group = group,
    buffer = bufnr,
    callback = function(args)
      local client = vim.lsp.get_client_by_id(args.data.client_id)
      if client and client.name == M.name then
        pending[args.buf] = nil
        vim.api.nvim_del_augroup_by_id(group)
      end
    end,
  })
  M.refresh_lenses(bufnr)
end

function M.setup(opts)
  -- Shallow merge: a list the user gives (cmd, root_markers) replaces ours.
  M.options = vim.deepcopy(defaults)
  for k, v in pairs(opts or {}) do
    M.options[k] = v
  end

  -- Older Neovim without our ftdetect on the runtimepath still gets
  -- markdown for agendas.
  if vim.filetype and vim.filetype.add then
    vim.filetype.add({ pattern = { ['.*%.1on1%.md'] = 'markdown' } })
  end

  local group = vim.api.nvim_create_augroup('oneonone', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = 'markdown',
    callback = function(args)
      M.start(args.buf)
    end,
  })

  -- Agendas already open when setup() runs.
  for _, buf in ipairs(vim.api.nvim_list_bufs()) do
    if vim.api.nvim_buf_is_loaded(buf) and vim.bo[buf].filetype == 'markdown' then
      M.start(buf)
    end
  end
end

return M
