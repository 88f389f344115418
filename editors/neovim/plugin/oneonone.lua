-- :OneononePreread, and the client side of the server's `oneonone.preread`
-- command (run by the "Draft the pre-read email" code action): both open the
-- current entry's pre-read email in a scratch buffer.
if vim.g.loaded_oneonone then
  return
end
vim.g.loaded_oneonone = true

vim.api.nvim_create_user_command('OneononePreread', function()
  require('oneonone').preread(vim.api.nvim_get_current_buf())
end, { desc = '1:1: open the pre-read email of this agenda in a scratch buffer' })

vim.lsp.commands['oneonone.preread'] = function(_, ctx)
  require('oneonone').preread(ctx and ctx.bufnr or vim.api.nvim_get_current_buf())
end
