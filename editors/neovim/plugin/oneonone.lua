-- :OneononePreread, and the client side of the server's `oneonone.preread`
-- command (run by the "Draft the pre-read email" code action): both open the
-- current entry's pre-read email in a scratch buffer. And the readiness
-- lenses, kept drawn on every agenda buffer oneonone-ls attaches to (off with
-- the `readiness.lens = false` setting).
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

vim.api.nvim_create_autocmd('LspAttach', {
  group = vim.api.nvim_create_augroup('oneonone_lens', { clear = true }),
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and client.name == require('oneonone').name then
      require('oneonone').auto_lens(args.buf)
    end
  end,
})
