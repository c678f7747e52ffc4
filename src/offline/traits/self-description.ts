/**
 * The user in words, from the role, seniority, specialization and industry traits: the phrases that
 * describe their expertise ("senior software engineer", "specializing in backend systems", "working
 * in fintech") and one phrase with its article ("a senior data scientist in fintech"). Its own file
 * because it composes sentences from the traits, where persona-traits.ts reads them.
 */
import { ROLES_WITHOUT_SENIORITY, withArticle } from "./trait-labels.js";

/** The role with its seniority ("senior software engineer"), or the seniority alone as a person. */
function roleNoun(
  roleLabel: string | undefined,
  role: string | undefined,
  seniorityLabel: string | undefined,
): string | undefined {
  if (roleLabel === undefined) {
    if (seniorityLabel === undefined) return undefined;
    // "an intern", not "an intern professional"
    return seniorityLabel === "intern" || seniorityLabel === "trainee"
      ? seniorityLabel
      : `${seniorityLabel} professional`;
  }
  if (seniorityLabel === undefined || (role !== undefined && ROLES_WITHOUT_SENIORITY.has(role)))
    return roleLabel;
  return `${seniorityLabel} ${roleLabel}`;
}

/** The phrases that describe the user's expertise, most telling first. */
export function describeExpertise(
  roleLabel: string | undefined,
  role: string | undefined,
  seniorityLabel: string | undefined,
  specialization: string | undefined,
  industry: string | undefined,
): string[] {
  const out: string[] = [];
  const noun = roleNoun(roleLabel, role, seniorityLabel);
  if (noun !== undefined) out.push(noun);
  if (specialization !== undefined && specialization !== "generalist")
    out.push(`specializing in ${specialization}`);
  if (industry !== undefined) out.push(`working in ${industry}`);
  return out;
}

/** The user in one phrase with article, or undefined when neither role, seniority nor industry is known. */
export function describeSelf(
  roleLabel: string | undefined,
  role: string | undefined,
  seniorityLabel: string | undefined,
  industry: string | undefined,
): string | undefined {
  const noun = roleNoun(roleLabel, role, seniorityLabel);
  if (noun === undefined) return industry === undefined ? undefined : `someone working in ${industry}`;
  return industry === undefined ? withArticle(noun) : `${withArticle(noun)} in ${industry}`;
}
