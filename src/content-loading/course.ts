import { getCollection, getEntry } from 'astro:content';
import type { CaseDefinition } from '../schemas/case';
import type { SourceEntry } from '../schemas/source';

/** Typed access to the collections for pages (the loaders validated the data already). */
export async function getCases(): Promise<CaseDefinition[]> {
  const entries = await getCollection('cases');
  return entries.map((e) => e.data).sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

export async function getCase(slug: string): Promise<CaseDefinition> {
  const entry = await getEntry('cases', slug);
  if (!entry) throw new Error(`no case "${slug}"`);
  return entry.data;
}

export async function getSources(): Promise<SourceEntry[]> {
  return (await getCollection('sources')).map((e) => e.data);
}

export async function getSource(id: string): Promise<SourceEntry> {
  const entry = await getEntry('sources', id);
  if (!entry) throw new Error(`no source "${id}"`);
  return entry.data;
}
