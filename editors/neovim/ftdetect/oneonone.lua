-- Agendas (`*.1on1.md`) are Markdown: keep them on the markdown filetype so
-- Markdown syntax, plugins and other Markdown servers keep working.
vim.filetype.add({
  pattern = {
    ['.*%.1on1%.md'] = 'markdown',
  },
})
