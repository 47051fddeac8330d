import { parsePolicyDocument } from '../../server/src/engine/parse/document';
import { PolicyModel } from '../../server/src/engine/model/model';

/** The evidence model of a Markdown text (the extractors are plain functions over the parsed document). */
export function model(text: string, actors: string[] = []): PolicyModel {
  return new PolicyModel(parsePolicyDocument(text, 'policy.md', 'markdown'), actors);
}

/** The source text a span covers. */
export function cover(text: string, span: { start: number; end: number }): string {
  return text.slice(span.start, span.end);
}
