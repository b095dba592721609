import { getCollection } from 'astro:content';
import type { Question } from '../schemas/question';
import type { Objective, QuestionTopic } from './load-questions';
import { getSources } from './course';
import { citeAs } from '../schemas/citation';

/** Typed access to the question bank for pages (the loader validated it already). */
export async function getTopics(): Promise<QuestionTopic[]> {
  return (await getCollection('questions')).map((e) => e.data).sort((a, b) => a.title.localeCompare(b.title));
}

export async function getObjectives(): Promise<Objective[]> {
  return (await getCollection('objectives')).map((e) => e.data);
}

/** Every item in the bank with the topic it belongs to. */
export async function getAllItems(): Promise<{ item: Question; topic: QuestionTopic }[]> {
  return (await getTopics()).flatMap((topic) => topic.items.map((item) => ({ item, topic })));
}

/** Source id to the in-text citation shown under a question's feedback, e.g. "Gardner 2024". */
export async function sourceLabels(): Promise<Record<string, string>> {
  const sources = await getSources();
  return Object.fromEntries(sources.map((s) => [s.id, citeAs(s)]));
}

/** The first sentence (or the first 140 characters) of an item's stem, to list it by. */
export function itemLabel(item: Question): string {
  const last = item.stem
    .trim()
    .split(/\n\s*\n/)
    .at(-1)!
    .replace(/\s+/g, ' ');
  return last.length > 140 ? `${last.slice(0, 139)}…` : last;
}
