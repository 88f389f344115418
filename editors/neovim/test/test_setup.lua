-- The Neovim 0.8-0.10 path: require('oneonone').setup(opts) + vim.lsp.start.
-- (Run here on 0.11; the code path is the one older versions use.)
--   nvim --headless --clean -u editors/neovim/test/test_setup.lua
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local H = dofile(here .. '/helpers.lua')

H.main('neovim-setup', function()
  H.load_plugin()
  local settings = {
    rules = { ['missing-outcome'] = 'off' },
    thresholds = { ['status-dump-items'] = 5 },
  }
  local attached = {}
  require('oneonone').setup({
    cmd = { H.server },
    settings = settings,
    on_attach = function(client, bufnr)
      attached[#attached + 1] = { client = client.name, buf = bufnr }
    end,
  })
  H.check('setup() made the "oneonone" autocmd group', #vim.api.nvim_get_autocmds({ group = 'oneonone' }) > 0)

  H.make_workspace()
  vim.cmd.edit(vim.fn.fnameescape(H.agenda))
  local buf = vim.api.nvim_get_current_buf()
  local client = H.wait_client(buf)
  if client then
    H.check(
      'initializationOptions carry the settings object',
      vim.deep_equal(client.config.init_options, settings),
      vim.inspect(client.config.init_options)
    )
    local handler = vim.lsp.handlers['workspace/configuration']
    local answer = handler(nil, { items = { { section = 'oneonone' } } }, {
      client_id = client.id,
      method = 'workspace/configuration',
    })
    H.check(
      'workspace/configuration for "oneonone" answers the settings object',
      type(answer) == 'table' and vim.deep_equal(answer[1], settings),
      vim.inspect(answer)
    )
  end

  local client2, pid = H.run_agenda_checks(buf, {
    present = { 'missing-ask', 'vague-opening', 'handoff-closing', 'missing-insight', 'status-dump' },
    absent = { 'missing-outcome' },
  })
  H.check('on_attach ran for the agenda buffer', #attached == 1 and attached[1].buf == buf, vim.inspect(attached))
  H.check_plain_markdown()
  H.check('on_attach did not run for notes.md', #attached == 1, vim.inspect(attached))
  H.check_preread_and_next_entry()
  H.check_stop(client2, pid)
end)
