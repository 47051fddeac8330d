import { parser } from '@lezer/markdown';

/** Every link and image destination of a Markdown text (lezer's CommonMark tree: no regular expression on Markdown). */
export function linkTargets(text: string): string[] {
  const targets: string[] = [];
  parser.parse(text).iterate({
    enter: (node) => {
      if (node.name === 'URL' && (node.node.parent?.name === 'Link' || node.node.parent?.name === 'Image')) targets.push(text.slice(node.from, node.to));
    },
  });
  return targets;
}

/** The command a `command:id?args` link runs (`id`); undefined for any other link. */
export function commandOfLink(target: string): string | undefined {
  if (!target.startsWith('command:')) return undefined;
  const rest = target.slice('command:'.length);
  const query = rest.indexOf('?');
  return query < 0 ? rest : rest.slice(0, query);
}

/** The commands a walkthrough step's description links to (its buttons). */
export function commandsLinkedFrom(markdown: string): string[] {
  return linkTargets(markdown).flatMap((target) => commandOfLink(target) ?? []);
}

/** The text of a Markdown text's first heading ('' when it has none). */
export function firstHeading(text: string): string {
  let heading = '';
  parser.parse(text).iterate({
    enter: (node) => {
      if (heading || !/^(ATX|Setext)Heading\d$/.test(node.name)) return !heading;
      const marks: [number, number][] = [];
      node.node.cursor().iterate((inner) => {
        if (inner.name === 'HeaderMark') marks.push([inner.from, inner.to]);
      });
      let out = '';
      let at = node.from;
      for (const [from, to] of marks) {
        out += text.slice(at, from);
        at = to;
      }
      heading = (out + text.slice(at, node.to)).trim();
      return false;
    },
  });
  return heading;
}
