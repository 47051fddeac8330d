import { PACKAGE_VERSION } from './packageInfo';

const SERVER_HELP = `Usage: cek-policy-language-server --stdio | --node-ipc | --socket=PORT | --pipe=NAME

The cek-policy language server: diagnostics, hovers, quick fixes, completion, outline and code lenses for
cryptography and key-management policies (YAML, or Markdown with front matter), over the Language Server
Protocol. Editors start it; for example Neovim: cmd = { 'cek-policy-language-server', '--stdio' }.
It holds less memory per open policy when Node is given a larger young generation, as the VS Code
extension does: cmd = { 'node', '--max-semi-space-size=32', '<path>/dist/server.js', '--stdio' }.

Options:
  --stdio          talk LSP over standard input and output
  --node-ipc       talk LSP over a Node IPC channel (when started by a Node client)
  --socket=PORT    talk LSP over a TCP socket on PORT
  --pipe=NAME      talk LSP over a named pipe
  -v, --version    print the version
  -h, --help       print this help`;

/** Answers `--help` and `--version` before any connection exists; true when the process should end. */
export function answerInfoFlags(argv: string[], write: (text: string) => void): boolean {
  if (argv.includes('--help') || argv.includes('-h')) write(SERVER_HELP + '\n');
  else if (argv.includes('--version') || argv.includes('-v')) write(PACKAGE_VERSION + '\n');
  else return false;
  return true;
}
