-- Readiness at a glance in Neovim 0.11+: the plugin draws the code lenses on the agenda's
-- first line by itself (this test never calls vim.lsp.codelens.refresh), keeps them up to
-- date after an edit, and stops refreshing when `readiness.lens` is false; running the
-- "Insight ✗" lens (vim.lsp.codelens.run) adds the insight: the server's oneonone.addPart
-- command, answered with workspace/applyEdit.
--   nvim --headless --clean -u editors/neovim/test/test_lens.lua
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
local H = dofile(here .. '/helpers.lua')

local function titles(lenses)
  local out = {}
  for _, l in ipairs(lenses) do
    table.insert(out, l.command and l.command.title or '?')
  end
  return out
end

H.main('neovim-lens', function()
  H.load_plugin()
  vim.lsp.config('oneonone_ls', { cmd = { H.server } })
  vim.lsp.enable('oneonone_ls')
  H.make_workspace()
  vim.cmd.edit(vim.fn.fnameescape(H.agenda))
  local buf = vim.api.nvim_get_current_buf()
  local client = H.wait_client(buf)
  if not H.check('oneonone_ls attached to weak.1on1.md', client ~= nil) then
    return
  end
  local pid = H.server_pid()
  H.record_pid(pid)
  vim.wait(H.timeout, function()
    return #H.diags(buf) > 0
  end, 20)

  -- Drawn by the plugin on attach: no refresh here.
  local lenses = {}
  vim.wait(H.timeout, function()
    lenses = vim.lsp.codelens.get(buf)
    return #lenses >= 3
  end, 20)
  H.check(
    'the readiness lenses: Outcome ✗, Insight ✗, Ask ✗',
    vim.deep_equal(titles(lenses), { 'Outcome ✗', 'Insight ✗', 'Ask ✗' }),
    vim.inspect(titles(lenses))
  )
  local first_line = true
  for _, l in ipairs(lenses) do
    first_line = first_line and l.range.start.line == 0
  end
  H.check('the lenses sit on the first line', first_line)

  -- Several lenses on the line: run() asks vim.ui.select which one; pick "Insight ✗".
  local offered = {}
  vim.ui.select = function(items, opts, on_choice)
    for i, item in ipairs(items) do
      local title = opts.format_item and opts.format_item(item) or vim.inspect(item)
      table.insert(offered, title)
      if title == 'Insight ✗' then
        return on_choice(item, i)
      end
    end
    on_choice(nil, nil)
  end
  vim.api.nvim_win_set_cursor(0, { 1, 0 })
  vim.lsp.codelens.run()
  local added = vim.wait(H.timeout, function()
    return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n'):find("What I'm seeing is", 1, true) ~= nil
  end, 20)
  H.check(
    'running the "Insight ✗" lens adds the insight to the buffer',
    added,
    'offered: ' .. vim.inspect(offered)
  )
  local text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
  H.check('the rest of the agenda is kept', text:find('Let me know what you think.', 1, true) ~= nil)

  local updated = vim.wait(H.timeout, function()
    return vim.deep_equal(titles(vim.lsp.codelens.get(buf)), { 'Outcome ✗', 'Insight ✓', 'Ask ✗' })
  end, 20)
  H.check('the lens then shows Insight ✓', updated, vim.inspect(titles(vim.lsp.codelens.get(buf))))

  -- An edit that is not a lens (Neovim refreshes after running a lens itself): the
  -- plugin redraws once the new diagnostics arrive.
  vim.api.nvim_buf_set_lines(buf, 1, 1, false, { "The most important outcome I'm focused on right now is churn." })
  updated = vim.wait(H.timeout, function()
    return vim.deep_equal(titles(vim.lsp.codelens.get(buf)), { 'Outcome ✓', 'Insight ✓', 'Ask ✗' })
  end, 20)
  H.check(
    'after an edit the plugin redraws the lens: Outcome ✓',
    updated,
    vim.inspect(titles(vim.lsp.codelens.get(buf)))
  )

  -- Count the plugin's refreshes from here on.
  local refreshes = 0
  local refresh = vim.lsp.codelens.refresh
  vim.lsp.codelens.refresh = function(opts)
    refreshes = refreshes + 1
    return refresh(opts)
  end
  vim.api.nvim_exec_autocmds('InsertLeave', { buffer = buf })
  vim.wait(H.timeout, function()
    return refreshes > 0
  end, 20)
  H.check('leaving insert mode refreshes the lenses (debounced: once)', refreshes == 1, refreshes)

  -- `readiness.lens = false`, as the server reads it: the plugin refreshes no more.
  client.settings = { oneonone = { readiness = { lens = false } } }
  client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  vim.wait(500)
  refreshes = 0
  vim.api.nvim_exec_autocmds('InsertLeave', { buffer = buf })
  vim.api.nvim_exec_autocmds('BufEnter', { buffer = buf })
  vim.wait(500)
  H.check('with readiness.lens = false the plugin does not refresh', refreshes == 0, refreshes)
  vim.lsp.codelens.refresh = refresh

  H.check_stop(client, pid)
end)
