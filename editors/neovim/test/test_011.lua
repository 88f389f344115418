-- The Neovim 0.11+ path: lsp/oneonone_ls.lua + vim.lsp.config/vim.lsp.enable.
--   nvim --headless --clean -u editors/neovim/test/test_011.lua
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local H = dofile(here .. '/helpers.lua')

H.main('neovim-0.11', function()
  H.check('Neovim is 0.11 or newer', vim.fn.has('nvim-0.11') == 1, tostring(vim.version()))
  H.load_plugin()
  H.check(
    '*.1on1.md is detected as markdown',
    vim.filetype.match({ filename = 'x.1on1.md' }) == 'markdown',
    vim.filetype.match({ filename = 'x.1on1.md' })
  )

  -- One rule raised to error proves the settings reach the server.
  local section = { rules = { ['missing-insight'] = 'error' } }
  vim.lsp.config('oneonone_ls', { cmd = { H.server }, settings = { oneonone = section } })
  vim.lsp.enable('oneonone_ls')
  local cfg = vim.lsp.config.oneonone_ls
  local params = {}
  if cfg and cfg.before_init then
    cfg.before_init(params, cfg)
  end
  H.check(
    'before_init sends the oneonone settings as initializationOptions',
    vim.deep_equal(params.initializationOptions, section),
    vim.inspect(params.initializationOptions)
  )
  H.check('lsp/oneonone_ls.lua is found on the runtimepath', cfg ~= nil and type(cfg.root_dir) == 'function')
  H.check('cmd can be overridden', cfg and cfg.cmd and cfg.cmd[1] == H.server, cfg and vim.inspect(cfg.cmd))
  H.check('filetypes is markdown', cfg and vim.deep_equal(cfg.filetypes, { 'markdown' }))

  H.make_workspace()
  vim.cmd.edit(vim.fn.fnameescape(H.agenda))
  local buf = vim.api.nvim_get_current_buf()
  local client, pid = H.run_agenda_checks(buf, {
    present = {
      'missing-ask',
      'vague-opening',
      'handoff-closing',
      'missing-outcome',
      'missing-insight',
      'status-dump',
    },
  })
  local insight
  for _, d in ipairs(H.diags(buf)) do
    if d.code == 'missing-insight' then
      insight = d
    end
  end
  H.check(
    'settings reached the server: missing-insight reported as an error',
    insight and insight.severity == vim.diagnostic.severity.ERROR,
    insight and ('severity ' .. insight.severity) or 'missing'
  )
  H.check_plain_markdown()
  H.check_preread_and_next_entry()
  H.check_stop(client, pid)
  H.check_exit_with_stdin_open()
end)
