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
