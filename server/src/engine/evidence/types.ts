import type { PMap } from '../parse/yamlModel';
import type { Span } from '../types';

export interface TextValue {
  value: string;
  span: Span;
}

/** A duty a role holds: the duty id, and where the text says so. */
export interface DutyValue extends TextValue {
  /** For duties read from free text: what the words were taken to mean ("key rotation"). */
  matched?: string;
}

/** Where a role was read from. */
/** Where a role was read; `assignment`: an owner column or a RACI matrix, not a roles table. */
export type RoleSource = 'yaml' | 'table' | 'subsection' | 'label' | 'sentence' | 'assignment';

export interface RoleModel {
  id?: TextValue;
  title?: TextValue;
  /** Who holds the role. Where the role's own name is a team or position, it is its assignee. */
  assignee?: TextValue;
  responsibilities: DutyValue[];
  alternates: TextValue[];
  trained?: TextValue;
  reviewed?: TextValue;
  /** The role's mapping (YAML), table row, subsection, bullet or sentence. */
  span: Span;
  /** Present for YAML roles: the mapping fixes edit. */
  node?: PMap;
  source: RoleSource;
  /** Duties written as duty ids (a YAML list, or a table column of ids): an unknown id is an error there. */
  structured: boolean;
  /** Key spans of a YAML role's fields, for pointing at a field that is there but wrong. */
  keySpans: Partial<Record<string, Span>>;
  /** The responsibility text as written, when it is free text. */
  text?: TextValue;
}
