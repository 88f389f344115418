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
