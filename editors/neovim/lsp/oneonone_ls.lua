-- oneonone-ls for Neovim 0.11+ (vim.lsp.config / vim.lsp.enable).
--
--   vim.lsp.enable('oneonone_ls')
--
-- Override anything with vim.lsp.config('oneonone_ls', { ... }), e.g.
--   vim.lsp.config('oneonone_ls', {
--     cmd = { '/path/to/oneonone-ls' },
--     settings = { oneonone = { rules = { ['status-dump'] = 'hint' } } },
--   })
--
-- The server only coaches agendas (`*.1on1.md`), so the client only attaches
-- to those buffers; every other Markdown buffer is left alone.

local markers = { '.oneonone.toml', '.git' }

local function is_agenda(name)
  return name:match('%.1on1%.md$') ~= nil
end

---@type vim.lsp.Config
return {
  cmd = { 'oneonone-ls' },
  filetypes = { 'markdown' },
  -- The markers root_dir (below) looks for, nearest first.
  root_markers = markers,
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if not is_agenda(name) then
      return -- not an agenda: do not attach
    end
    on_dir(vim.fs.root(bufnr, markers) or vim.fs.dirname(name))
  end,
  before_init = function(params, config)
    -- The `oneonone` settings section doubles as initializationOptions, so a
    -- user only has to set `settings`. An explicit `init_options` wins.
    if params.initializationOptions == nil then
      local section = config.settings and config.settings.oneonone
      if type(section) == 'table' and next(section) ~= nil then
        params.initializationOptions = section
      end
    end
  end,
}
