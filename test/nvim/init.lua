-- Headless Neovim as a third-party LSP client: open a policy, attach cek-policy-language-server --stdio,
-- wait for its diagnostics, ask for a hover, and write what Neovim received as JSON. (Works on Neovim 0.7+.)
local file = os.getenv('CEK_FILE')
local out = os.getenv('CEK_OUT')
local server = os.getenv('CEK_SERVER')
local hover_line = tonumber(os.getenv('CEK_HOVER_LINE'))
local hover_char = tonumber(os.getenv('CEK_HOVER_CHAR'))

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
vim.bo[buf].filetype = 'yaml'

local id = vim.lsp.start_client({
  name = 'cek-policy',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
})
vim.lsp.buf_attach_client(buf, id)

local got = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
local diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local lsp = d.user_data and d.user_data.lsp or {}
  table.insert(diagnostics, { code = d.code or lsp.code, lnum = d.lnum, col = d.col, source = d.source or lsp.source, message = d.message })
end

local client = vim.lsp.get_client_by_id(id)
local response = client.request_sync('textDocument/hover', {
  textDocument = { uri = vim.uri_from_bufnr(buf) },
  position = { line = hover_line, character = hover_char },
}, 15000, buf)
local hover = vim.NIL
if response and response.result and response.result.contents then hover = response.result.contents.value end

local handle = io.open(out, 'w')
handle:write(vim.fn.json_encode({ received = got, diagnostics = diagnostics, hover = hover }))
handle:close()
client.stop()
vim.cmd('qa!')
